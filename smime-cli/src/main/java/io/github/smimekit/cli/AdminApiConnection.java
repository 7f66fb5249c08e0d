package io.github.smimekit.cli;

import io.github.smimekit.core.Password;
import io.github.smimekit.core.Pkcs12;
import io.github.smimekit.core.Pkcs12Identity;
import io.github.smimekit.core.Pkcs12ReadOptions;
import io.github.smimekit.core.SmimeException;
import io.github.smimekit.exchange.AccessToken;
import io.github.smimekit.exchange.AccessTokenProvider;
import io.github.smimekit.exchange.AnchorMailbox;
import io.github.smimekit.exchange.ApplyListener;
import io.github.smimekit.exchange.ExchangeClient;
import io.github.smimekit.exchange.TenantId;
import io.github.smimekit.exchange.msal.MsalCertificateTokenProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The connection to the Exchange Online Admin API: {@code --tenant}, {@code --base-uri}, one AUTH
 * form ({@code --token-env}, {@code --token-command}, or {@code --client-id} with {@code
 * --certificate} and the app certificate's password option) and the client's bulk settings. The
 * AUTH forms are checked here rather than by a picocli exclusive group, so that the message names
 * the forms to choose from.
 *
 * <p>The subclasses differ only in how the app certificate's password option is named: {@link
 * ExchangeConnection} ({@code --password-env}/{@code --password-file}, for the {@code exchange}
 * commands) and {@link MessageTenantConnection} ({@code --certificate-password-env}/{@code
 * --certificate-password-file}, for {@code message test}, whose {@code --password-env} is the
 * sender's).
 */
abstract class AdminApiConnection {
  /** The heading of the group in the help. */
  static final String HEADING = "%nConnection to the Exchange Online Admin API:%n";

  @Option(
      names = "--tenant",
      required = true,
      paramLabel = "TENANT",
      description =
          "The tenant: its GUID or its primary *.onmicrosoft.com domain (e.g."
              + " contoso.onmicrosoft.com).")
  @Nullable String tenant;

  @Option(
      names = "--base-uri",
      paramLabel = "URL",
      description =
          "The Admin API base (default https://outlook.office365.com/adminapi/beta/); https, or"
              + " http only for a loopback address such as 'smime exchange fake' prints.")
  @Nullable String baseUri;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Requests in flight at once for bulk work, 1..32 (default 4).")
  int concurrency = 4;

  @Option(
      names = "--batch",
      description = "Send bulk work as $batch requests of up to 10 cmdlets (default: off).")
  boolean batch;

  @Option(
      names = "--page-size",
      paramLabel = "N",
      description = "Prefer: odata.maxpagesize for reads, 1..1000 (default 1000).")
  int pageSize = 1000;

  @Option(
      names = "--anchor-mailbox",
      paramLabel = "VALUE",
      description =
          "The X-AnchorMailbox header: 'app-only' (default:"
              + " APP:SystemMailbox{bb558c35-...}@TENANT), 'none', or an exact value such as"
              + " UPN:admin@contoso.onmicrosoft.com. Which form the service needs is not"
              + " documented.")
  @Nullable String anchorMailbox;

  @Option(
      names = "--token-env",
      paramLabel = "VAR",
      description =
          "AUTH: take the access token (scope https://outlook.office365.com/.default) from the"
              + " environment variable named VAR (its name, not the token).")
  @Nullable String tokenEnv;

  @Option(
      names = "--token-command",
      paramLabel = "CMD",
      description =
          "AUTH: run CMD (sh -c; cmd /c on Windows) for a token: its stdout, trimmed, is the"
              + " token, or JSON with 'accessToken' as 'az account get-access-token' prints. Run"
              + " again when the token expires or the service refuses it; stopped after 120 s;"
              + " its stderr is not shown.")
  @Nullable String tokenCommand;

  @Option(
      names = "--client-id",
      paramLabel = "GUID",
      description =
          "AUTH: app-only sign-in (MSAL) as the app registration with this application (client)"
              + " id; needs --certificate and a password option.")
  @Nullable String clientId;

  @Option(
      names = "--certificate",
      paramLabel = "FILE.p12",
      description = "With --client-id: the app's certificate with its private key (PKCS#12).")
  @Nullable Path certificate;

  @Option(
      names = "--authority-host",
      paramLabel = "URL",
      description =
          "With --client-id: the Microsoft Entra ID host (default"
              + " https://login.microsoftonline.com/; national clouds have their own).")
  @Nullable String authorityHost;

  @Option(
      names = "--authority-trust",
      paramLabel = "FILE",
      description =
          "With --client-id: trust only the CA certificates in FILE (PEM, DER, .p7b, .sst) for"
              + " the TLS of the authority host, e.g. behind a TLS-inspecting proxy (default: the"
              + " JDK's trust store).")
  @Nullable Path authorityTrust;

  /** The app certificate's password options, for messages ("--password-env VAR or ..."). */
  abstract String passwordForms();

  /** True when a password option for the app certificate was given. */
  abstract boolean passwordGiven();

  /**
   * Reads the app certificate's password; the caller destroys it.
   *
   * @throws IllegalStateException when no password option was given
   */
  abstract Password readPassword(BaseCommand command) throws IOException;

  /** The AUTH forms, for messages. */
  final String authForms() {
    return "--token-env VAR, --token-command CMD, or --client-id ID --certificate FILE.p12 with "
        + passwordForms();
  }

  /** The tenant, validated. */
  TenantId tenantId(BaseCommand command) {
    try {
      return TenantId.parse(Objects.requireNonNull(tenant, "tenant"));
    } catch (SmimeException e) {
      throw command.usage("--tenant: " + e.getMessage());
    }
  }

  /** Where the client connects, validated. */
  URI baseUri(BaseCommand command) {
    if (baseUri == null) {
      return ExchangeClient.DEFAULT_BASE_URI;
    }
    URI uri;
    try {
      uri = new URI(baseUri);
    } catch (java.net.URISyntaxException e) {
      throw command.usage("--base-uri is not a URL: '" + baseUri + "'");
    }
    try {
      ExchangeClient.builder().baseUri(uri);
    } catch (IllegalArgumentException e) {
      throw command.usage(
          "--base-uri must be https, or http only for a loopback address (127.0.0.1, [::1],"
              + " localhost), with no user info, query or fragment: '"
              + baseUri
              + "'");
    }
    return uri;
  }

  /**
   * The client, with {@code listener} for progress events.
   *
   * @throws picocli.CommandLine.ParameterException for a bad option value (exit 2)
   * @throws BadInputException for an unset variable or an unreadable certificate (exit 3)
   */
  ExchangeClient client(BaseCommand command, ApplyListener listener) throws IOException {
    TenantId t = tenantId(command);
    URI base = baseUri(command);
    if (concurrency < 1 || concurrency > 32) {
      throw command.usage("--concurrency must be 1..32: " + concurrency);
    }
    if (pageSize < 1 || pageSize > 1000) {
      throw command.usage("--page-size must be 1..1000: " + pageSize);
    }
    return ExchangeClient.builder()
        .baseUri(base)
        .tenant(t)
        .tokenProvider(tokens(command, t))
        .anchorMailbox(anchor(command))
        .concurrency(concurrency)
        .batch(batch)
        .pageSize(pageSize)
        .listener(listener)
        .build();
  }

  private AnchorMailbox anchor(BaseCommand command) {
    if (anchorMailbox == null || anchorMailbox.equalsIgnoreCase("app-only")) {
      return AnchorMailbox.appOnly();
    }
    if (anchorMailbox.equalsIgnoreCase("none")) {
      return AnchorMailbox.none();
    }
    try {
      return AnchorMailbox.of(anchorMailbox);
    } catch (IllegalArgumentException e) {
      throw command.usage(
          "--anchor-mailbox is not a header value (visible ASCII, no spaces): '"
              + anchorMailbox
              + "'");
    }
  }

  private AccessTokenProvider tokens(BaseCommand command, TenantId t) throws IOException {
    List<String> given = new java.util.ArrayList<>();
    if (tokenEnv != null) {
      given.add("--token-env");
    }
    if (tokenCommand != null) {
      given.add("--token-command");
    }
    if (clientId != null) {
      given.add("--client-id");
    }
    if (given.isEmpty()) {
      throw command.usage("the Admin API needs one AUTH form: " + authForms());
    }
    if (given.size() > 1) {
      throw command.usage(
          String.join(" and ", given) + " exclude each other: give one AUTH form: " + authForms());
    }
    if (clientId == null && (certificate != null || passwordGiven())) {
      throw command.usage("--certificate and the password options go with --client-id only");
    }
    if (clientId == null && (authorityHost != null || authorityTrust != null)) {
      throw command.usage("--authority-host and --authority-trust go with --client-id only");
    }
    if (tokenEnv != null) {
      return AccessTokenProvider.fixed(tokenFromEnv(command, tokenEnv));
    }
    if (tokenCommand != null) {
      if (tokenCommand.isBlank()) {
        throw command.usage("--token-command is empty");
      }
      return new TokenCommandProvider(
          tokenCommand,
          command.context.env(),
          TokenCommandProvider.DEFAULT_TIMEOUT,
          command.context.clock());
    }
    String id = Objects.requireNonNull(clientId, "clientId");
    if (certificate == null || !passwordGiven()) {
      throw command.usage("--client-id needs --certificate FILE.p12 and " + passwordForms());
    }
    return msal(command, t, id, certificate);
  }

  private static AccessToken tokenFromEnv(BaseCommand command, String name) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw command.usage(
          "--token-env takes the name of an environment variable (letters, digits and _), not"
              + " the token itself; the value given is not shown");
    }
    String value = command.context.env().get(name);
    if (value == null || value.isBlank()) {
      throw new BadInputException(
          "the environment variable named by --token-env is not set or empty (its name is not"
              + " shown in case it is the token)");
    }
    String v = value.strip();
    if (v.regionMatches(true, 0, "Bearer ", 0, 7)) {
      v = v.substring(7).strip();
    }
    try {
      return AccessToken.fromString(v, null);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(
          "the environment variable named by --token-env does not hold a bearer token"
              + " (characters outside ASCII 0x21-0x7e)");
    }
  }

  private AccessTokenProvider msal(BaseCommand command, TenantId t, String id, Path file)
      throws IOException {
    MsalCertificateTokenProvider.Builder b = MsalCertificateTokenProvider.builder().tenant(t);
    try {
      b.clientId(id);
    } catch (IllegalArgumentException e) {
      throw command.usage("--client-id is not a GUID: '" + id + "'");
    }
    if (authorityHost != null) {
      try {
        b.authorityHost(new URI(authorityHost));
      } catch (java.net.URISyntaxException | IllegalArgumentException e) {
        throw command.usage("--authority-host must be an https URL: '" + authorityHost + "'");
      }
    }
    if (authorityTrust != null) {
      b.sslSocketFactory(trusting(Inputs.certificates(authorityTrust), authorityTrust));
    }
    byte[] data = Inputs.readBytes(file, Pkcs12ReadOptions.DEFAULT_MAX_INPUT_BYTES);
    Password pw = readPassword(command);
    Pkcs12Identity identity;
    try {
      identity = Inputs.inFile(file, () -> Pkcs12.read(data, pw));
    } finally {
      pw.destroy();
      Arrays.fill(data, (byte) 0);
    }
    return b.certificate(identity).build();
  }

  private static javax.net.ssl.SSLSocketFactory trusting(List<X509Certificate> cas, Path file) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (X509Certificate c : cas) {
        trust.setCertificateEntry("ca" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, tmf.getTrustManagers(), null);
      return tls.getSocketFactory();
    } catch (GeneralSecurityException | IOException e) {
      throw new BadInputException(
          file
              + ": cannot trust these certificates for TLS ("
              + e.getClass().getSimpleName().toLowerCase(Locale.ROOT)
              + ")",
          e);
    }
  }
}
