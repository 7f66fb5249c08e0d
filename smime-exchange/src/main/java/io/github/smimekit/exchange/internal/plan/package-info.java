/** The planner's implementation: not exported. */
@NullMarked
package io.github.smimekit.exchange.internal.plan;

import org.jspecify.annotations.NullMarked;
