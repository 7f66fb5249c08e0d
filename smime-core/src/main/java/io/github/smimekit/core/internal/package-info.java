/** Implementation of smimekit core. Not exported; may change in any release. */
@NullMarked
package io.github.smimekit.core.internal;

import org.jspecify.annotations.NullMarked;
