/** The desired-state and current-state file readers: not exported. */
@NullMarked
package io.github.smimekit.exchange.internal.desired;

import org.jspecify.annotations.NullMarked;
