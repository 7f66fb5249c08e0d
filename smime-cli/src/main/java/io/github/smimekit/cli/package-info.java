/** The smime command line. */
@NullMarked
package io.github.smimekit.cli;

import org.jspecify.annotations.NullMarked;
