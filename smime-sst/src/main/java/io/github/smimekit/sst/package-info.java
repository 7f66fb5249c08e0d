/**
 * Microsoft serialized certificate stores (.sst): an immutable model, strict and lenient reading
 * with limits, byte-exact writing.
 */
@NullMarked
package io.github.smimekit.sst;

import org.jspecify.annotations.NullMarked;
