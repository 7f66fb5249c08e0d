/** Chain building: candidate index, depth-first search and RFC 5280 section 6 checks. */
@NullMarked
package io.github.smimekit.core.internal.chain;

import org.jspecify.annotations.NullMarked;
