package io.github.smimekit.exchange;

/**
 * Supplies access tokens to an {@link ExchangeClient}. The client calls it before every HTTP
 * request (so a provider that caches and refreshes tokens is used as it refreshes), and once more
 * with {@link TokenRequest#forceRefresh()} and the server's claims challenge after an HTTP 401.
 *
 * <p>Implementations must be thread-safe: a client sends several requests at once. App-only
 * certificate authentication through MSAL4J is in the separate {@code smime-exchange-msal} module,
 * so callers who bring their own tokens do not depend on MSAL4J.
 */
@FunctionalInterface
public interface AccessTokenProvider {
  /**
   * A token for {@code request.scope()}.
   *
   * @throws io.github.smimekit.core.SmimeException (or a subclass) when no token can be had; the
   *     message must not contain secrets
   */
  AccessToken token(TokenRequest request);

  /** A provider that always returns {@code token} (a token from the environment, for example). */
  static AccessTokenProvider fixed(AccessToken token) {
    java.util.Objects.requireNonNull(token, "token");
    return request -> token;
  }
}
