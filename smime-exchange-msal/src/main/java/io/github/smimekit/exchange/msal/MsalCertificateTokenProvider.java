package io.github.smimekit.exchange.msal;

import static java.util.Objects.requireNonNull;

import com.microsoft.aad.msal4j.ClaimsRequest;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCertificate;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.github.smimekit.core.Pkcs12Identity;
import io.github.smimekit.core.SmimeException;
import io.github.smimekit.exchange.AccessToken;
import io.github.smimekit.exchange.AccessTokenProvider;
import io.github.smimekit.exchange.TenantId;
import io.github.smimekit.exchange.TokenRequest;
import java.net.MalformedURLException;
import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * App-only authentication with a certificate (OAuth 2.0 client credentials with a signed client
 * assertion), what unattended administration uses (spec {@code exchange-online.md} §2.5): an app
 * registration with the application permission {@code Exchange.ManageAsApp} and an Entra role such
 * as Exchange Administrator.
 *
 * <p>Built on MSAL4J's {@code ConfidentialClientApplication} and {@code
 * ClientCredentialFactory.createFromCertificate}. The token is kept and reused until 5 minutes
 * before it expires. After an HTTP 401 the client asks again with {@link
 * TokenRequest#forceRefresh()} and the claims challenge, which skip the cache. Thread-safe. The
 * private key stays in memory only for MSAL to sign assertions; nothing here prints it or the
 * token.
 */
public final class MsalCertificateTokenProvider implements AccessTokenProvider {
  /** Microsoft Entra ID's worldwide authority host. */
  public static final URI DEFAULT_AUTHORITY_HOST = URI.create("https://login.microsoftonline.com/");

  private static final Pattern CLIENT_ID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

  private final ConfidentialClientApplication app;
  private final String authority;
  private final String clientId;
  private final Clock clock;
  private final Object lock = new Object();
  private @Nullable AccessToken cached;
  private @Nullable String cachedScope;

  private MsalCertificateTokenProvider(Builder b) {
    requireNonNull(b.tenant, "tenant not set");
    requireNonNull(b.clientId, "clientId not set");
    requireNonNull(b.privateKey, "certificate not set");
    requireNonNull(b.chain, "certificate not set");
    this.clientId = b.clientId;
    this.clock = b.clock;
    this.authority = b.authorityHost.resolve(b.tenant.value() + "/").toString();
    IClientCertificate credential =
        b.chain.size() == 1
            ? ClientCredentialFactory.createFromCertificate(b.privateKey, b.chain.get(0))
            : ClientCredentialFactory.createFromCertificateChain(b.privateKey, b.chain);
    try {
      ConfidentialClientApplication.Builder ab =
          ConfidentialClientApplication.builder(b.clientId, credential)
              .authority(authority)
              .sendX5c(b.sendX5c);
      if (!b.authorityHost.equals(DEFAULT_AUTHORITY_HOST)) {
        ab.validateAuthority(false).instanceDiscovery(false);
      }
      if (b.sslSocketFactory != null) {
        ab.sslSocketFactory(b.sslSocketFactory);
      }
      this.app = ab.build();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a usable authority: " + authority, e);
    }
  }

  /** A builder. {@link Builder#tenant}, {@link Builder#clientId} and a certificate are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A token for {@code request.scope()}; from MSAL's cache unless {@code forceRefresh}.
   *
   * @throws SmimeException when the token endpoint refuses (the message names the OAuth error code
   *     and HTTP status, never the assertion or a token)
   */
  @Override
  public AccessToken token(TokenRequest request) {
    requireNonNull(request, "request");
    synchronized (lock) {
      AccessToken c = cached;
      if (!request.forceRefresh()
          && c != null
          && request.scope().equals(cachedScope)
          && c.expiresAt().map(t -> t.isAfter(clock.instant().plus(RENEW_BEFORE))).orElse(false)) {
        return c;
      }
      AccessToken fresh = acquire(request);
      cached = fresh;
      cachedScope = request.scope();
      return fresh;
    }
  }

  private AccessToken acquire(TokenRequest request) {
    ClientCredentialParameters.ClientCredentialParametersBuilder p =
        ClientCredentialParameters.builder(Set.of(request.scope()));
    if (request.forceRefresh()) {
      p.skipCache(true);
    }
    if (request.claims().isPresent()) {
      try {
        p.claims(ClaimsRequest.formatAsClaimsRequest(decodeClaims(request.claims().get())));
      } catch (RuntimeException e) {
        // a claims challenge MSAL cannot read: ask without it rather than fail
      }
    }
    try {
      IAuthenticationResult r = app.acquireToken(p.build()).get();
      return AccessToken.fromString(r.accessToken(), r.expiresOnDate().toInstant());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SmimeException("interrupted while asking " + authority + " for an access token");
    } catch (ExecutionException | CompletionException e) {
      throw failure(e.getCause());
    } catch (MsalException e) {
      throw failure(e);
    }
  }

  private SmimeException failure(@Nullable Throwable cause) {
    if (cause instanceof MsalServiceException s) {
      return new SmimeException(
          "token endpoint of "
              + authority
              + " refused app "
              + clientId
              + " (HTTP "
              + s.statusCode()
              + " "
              + s.errorCode()
              + ")",
          s);
    }
    if (cause instanceof MsalException m) {
      return new SmimeException(
          "no access token from " + authority + " for app " + clientId + " (" + m.errorCode() + ")",
          m);
    }
    return new SmimeException(
        "no access token from "
            + authority
            + " for app "
            + clientId
            + " ("
            + (cause == null ? "unknown error" : cause.getClass().getSimpleName())
            + ")",
        cause);
  }

  /** A claims challenge is base64 of a JSON object in CAE challenges; plain JSON is taken as is. */
  static String decodeClaims(String claims) {
    String c = claims.trim();
    if (c.startsWith("{")) {
      return c;
    }
    try {
      return new String(
          java.util.Base64.getDecoder().decode(c), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return c;
    }
  }

  @Override
  public String toString() {
    return "MsalCertificateTokenProvider[authority=" + authority + ", clientId=" + clientId + "]";
  }

  /** Builds a {@link MsalCertificateTokenProvider}. */
  public static final class Builder {
    private @Nullable TenantId tenant;
    private @Nullable String clientId;
    private @Nullable PrivateKey privateKey;
    private @Nullable List<X509Certificate> chain;
    private URI authorityHost = DEFAULT_AUTHORITY_HOST;
    private boolean sendX5c = true;
    private @Nullable SSLSocketFactory sslSocketFactory;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The clock that decides when a cached token is renewed (5 minutes before it expires). */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The tenant (GUID or primary {@code *.onmicrosoft.com} domain). */
    public Builder tenant(TenantId tenant) {
      this.tenant = requireNonNull(tenant, "tenant");
      return this;
    }

    /** The app registration's application (client) id, a GUID. */
    public Builder clientId(String clientId) {
      requireNonNull(clientId, "clientId");
      if (!CLIENT_ID.matcher(clientId).matches()) {
        throw new IllegalArgumentException("client id is not a GUID: " + clientId);
      }
      this.clientId = clientId;
      return this;
    }

    /** The app's certificate and its private key (the certificate uploaded to the app). */
    public Builder certificate(PrivateKey privateKey, X509Certificate certificate) {
      this.privateKey = requireNonNull(privateKey, "privateKey");
      this.chain = List.of(requireNonNull(certificate, "certificate"));
      return this;
    }

    /**
     * The app's identity from a PKCS#12 file (see {@code Pkcs12.read}): key, certificate, chain.
     */
    public Builder certificate(Pkcs12Identity identity) {
      requireNonNull(identity, "identity");
      this.privateKey = identity.privateKey();
      this.chain = identity.chain().isEmpty() ? List.of(identity.certificate()) : identity.chain();
      return this;
    }

    /**
     * The authority host (default {@link #DEFAULT_AUTHORITY_HOST}; national clouds have their own).
     * For any other host, authority validation and instance discovery are turned off.
     */
    public Builder authorityHost(URI host) {
      requireNonNull(host, "host");
      if (!"https".equalsIgnoreCase(host.getScheme())) {
        throw new IllegalArgumentException("authority host must be https: " + host);
      }
      String s = host.toString();
      this.authorityHost = s.endsWith("/") ? host : URI.create(s + "/");
      return this;
    }

    /**
     * Whether the assertion carries the certificate chain ({@code x5c}; default true, needed for
     * subject-name/issuer auth).
     */
    public Builder sendX5c(boolean sendX5c) {
      this.sendX5c = sendX5c;
      return this;
    }

    /** The TLS socket factory for the token endpoint (a corporate trust store, tests). */
    public Builder sslSocketFactory(SSLSocketFactory factory) {
      this.sslSocketFactory = requireNonNull(factory, "factory");
      return this;
    }

    /** The provider. */
    public MsalCertificateTokenProvider build() {
      if (tenant == null || clientId == null || privateKey == null) {
        throw new IllegalStateException("tenant, clientId and certificate are required");
      }
      return new MsalCertificateTokenProvider(this);
    }
  }
}
