/** The Admin API wire format and HTTP exchange: not exported, not part of the API. */
@NullMarked
package io.github.smimekit.exchange.internal.http;

import org.jspecify.annotations.NullMarked;
