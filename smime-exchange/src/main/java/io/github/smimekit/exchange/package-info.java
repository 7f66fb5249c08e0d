/** Typed Exchange Online S/MIME operations. */
@NullMarked
package io.github.smimekit.exchange;

import org.jspecify.annotations.NullMarked;
