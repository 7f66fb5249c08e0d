package io.github.smimekit.examples;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.Password;
import io.github.smimekit.core.Pkcs12;
import io.github.smimekit.core.Pkcs12Identity;
import io.github.smimekit.exchange.ExchangeClient;
import io.github.smimekit.exchange.RecipientRef;
import io.github.smimekit.exchange.RecipientType;
import io.github.smimekit.exchange.TenantRecipient;
import io.github.smimekit.mail.BuiltMessage;
import io.github.smimekit.mail.MessageOptions;
import io.github.smimekit.mail.Recipient;
import io.github.smimekit.mail.RecipientResult;
import io.github.smimekit.mail.TestMessage;
import io.github.smimekit.mail.TrustStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Builds the test message Outlook on the web would send from a sender to tenant recipients: each
 * recipient's certificates as the directory holds them, the CA store as {@code Get-SmimeConfig}
 * holds it. What {@code smime message test --tenant} does, through the SDK.
 *
 * <p>Usage: {@code TestMessageFromTenant BASE_URI TENANT TOKEN_ENV sender.p12 P12_PASSWORD_ENV
 * out.eml ADDRESS...} (exit 1 when a recipient cannot be encrypted to)
 */
public final class TestMessageFromTenant {
  private TestMessageFromTenant() {}

  /** Runs the example; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length < 7) {
      System.err.println(
          "usage: TestMessageFromTenant BASE_URI TENANT TOKEN_ENV sender.p12 P12_PASSWORD_ENV"
              + " out.eml ADDRESS...");
      System.exit(2);
    }
    ExchangeClient exo = Tenant.fromEnvironment(args[0], args[1], args[2]);
    String pw = System.getenv(args[4]);
    if (pw == null) {
      System.err.println("environment variable " + args[4] + " is not set");
      System.exit(2);
    }
    Password password = Password.of(pw);
    Pkcs12Identity sender;
    try {
      sender = Pkcs12.read(Path.of(args[3]), password);
    } finally {
      password.destroy();
    }
    List<String> to = Arrays.asList(args).subList(6, args.length);
    BuiltMessage built = build(exo, sender, to, Instant.now());
    if (built.message().isPresent()) {
      Files.write(Path.of(args[5]), built.message().get().toByteArray());
    }
    System.exit(built.complete() ? 0 : 1);
  }

  /** Builds the message and prints who is included, and why anyone is not. */
  static BuiltMessage build(ExchangeClient exo, Pkcs12Identity sender, List<String> to, Instant at)
      throws IOException {
    Bytes store =
        exo.readIssuingCaStore()
            .orElseThrow(() -> new IllegalStateException("the tenant has no issuing-CA store"));
    MessageOptions options =
        MessageOptions.builder()
            .sender(sender)
            .trustStore(TrustStore.read(store)) // trusted exclusively, as OWA does
            .recipients(address -> lookUp(exo, address), to)
            .clock(Clock.fixed(at, ZoneOffset.UTC))
            .build();
    BuiltMessage built = TestMessage.build(options);
    for (RecipientResult r : built.recipients()) {
      System.out.println(r.address() + ": " + (r.included() ? "included" : r.refusal().get()));
      r.warnings().forEach(w -> System.out.println("  warning: " + w));
    }
    return built;
  }

  /** The recipient as Outlook on the web's directory lookup finds it. */
  static Recipient lookUp(ExchangeClient exo, String address) {
    for (RecipientType type :
        List.of(RecipientType.MAILBOX, RecipientType.MAIL_USER, RecipientType.MAIL_CONTACT)) {
      Optional<TenantRecipient> found = exo.readRecipient(new RecipientRef(type, address));
      if (found.isPresent()) {
        TenantRecipient t = found.get();
        List<X509Certificate> user = new ArrayList<>();
        t.userCertificates().forEach(der -> user.add(Certificates.readOne(der)));
        List<X509Certificate> smime = new ArrayList<>();
        for (Bytes blob : t.userSMimeCertificates()) { // PKCS#7: the user's certificate and CAs
          Certificates.read(blob).stream()
              .filter(c -> c.getBasicConstraints() < 0)
              .forEach(smime::add);
        }
        return new Recipient(t.primarySmtpAddress(), t.proxyAddresses(), user, smime, true);
      }
    }
    return Recipient.notInDirectory(address);
  }
}
