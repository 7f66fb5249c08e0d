package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What the client asks an {@link AccessTokenProvider} for.
 *
 * @param scope the OAuth 2.0 scope, {@value #EXCHANGE_ONLINE_SCOPE} for the Admin API
 * @param claims the claims challenge of a {@code WWW-Authenticate} header (after an HTTP 401), to
 *     be passed to the token endpoint; empty on a first request
 * @param forceRefresh whether a cached token must not be returned (true after an HTTP 401)
 */
public record TokenRequest(String scope, Optional<String> claims, boolean forceRefresh) {
  /** The scope of the Exchange Online Admin API (spec {@code exchange-online.md} §2.5). */
  public static final String EXCHANGE_ONLINE_SCOPE = "https://outlook.office365.com/.default";

  public TokenRequest {
    requireNonNull(scope, "scope");
    requireNonNull(claims, "claims");
  }

  /** A first request for {@code scope}: no claims, a cached token is fine. */
  public static TokenRequest of(String scope) {
    return new TokenRequest(scope, Optional.empty(), false);
  }
}
