/**
 * A loopback fake of the Exchange Online Admin API ({@link
 * io.github.smimekit.testing.exchange.FakeExchangeServer}), modelled on mockwebserver3: a real
 * socket, state kept like a tenant keeps it, faults injected on request, every request recorded.
 */
@NullMarked
package io.github.smimekit.testing.exchange;

import org.jspecify.annotations.NullMarked;
