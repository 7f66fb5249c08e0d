package io.github.smimekit.examples;

import io.github.smimekit.exchange.AccessToken;
import io.github.smimekit.exchange.AccessTokenProvider;
import io.github.smimekit.exchange.ExchangeClient;
import io.github.smimekit.exchange.TenantId;
import java.net.URI;

/**
 * How the Exchange examples connect: the Admin API base URI, the tenant and an access token taken
 * from an environment variable, never from the command line. For a real tenant the base URI is
 * {@code https://outlook.office365.com/adminapi/beta/} and a token comes from, for example, {@code
 * az account get-access-token --resource https://outlook.office365.com --query accessToken -o tsv};
 * unattended programs use {@code MsalCertificateTokenProvider} of smime-exchange-msal instead. The
 * examples' tests pass the base URI and token of the loopback fake ({@code smime exchange fake}).
 */
final class Tenant {
  private Tenant() {}

  /**
   * The client for {@code baseUri} and {@code tenant}, with the token in {@code tokenEnvVar}.
   *
   * @throws IllegalArgumentException if the variable is not set
   */
  static ExchangeClient fromEnvironment(String baseUri, String tenant, String tokenEnvVar) {
    String token = System.getenv(tokenEnvVar);
    if (token == null) {
      throw new IllegalArgumentException("environment variable " + tokenEnvVar + " is not set");
    }
    return connect(URI.create(baseUri), tenant, token.toCharArray());
  }

  /** The client for {@code baseUri} and {@code tenant}, sending {@code token}. */
  static ExchangeClient connect(URI baseUri, String tenant, char[] token) {
    return ExchangeClient.builder()
        .baseUri(baseUri) // https, or http for a loopback address only
        .tenant(TenantId.parse(tenant))
        .tokenProvider(AccessTokenProvider.fixed(AccessToken.of(token)))
        .build();
  }
}
