/** App-only certificate authentication through MSAL4J. */
@NullMarked
package io.github.smimekit.exchange.msal;

import org.jspecify.annotations.NullMarked;
