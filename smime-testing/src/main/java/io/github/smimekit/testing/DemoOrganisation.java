package io.github.smimekit.testing;

import io.github.smimekit.testing.exchange.FakeTenant;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The demo organisation of {@code smime demo}: Contoso ({@value #DOMAIN}) with its own root and
 * issuing CA and two users, a partner at Fabrikam ({@value #PARTNER_DOMAIN}) with its own CA chain,
 * and one certificate planted to fail a check. The same seed and the same {@code now} give
 * byte-identical certificates and keys.
 *
 * <ul>
 *   <li>{@link #contosoRoot()} &rarr; {@link #contosoIssuingCa()} (RSA-2048) &rarr; {@link
 *       #alice()} (RSA-2048, {@value #ALICE}) and {@link #bob()} (EC P-256, {@value #BOB}): the
 *       organisation's users, each with a PKCS#12 identity ({@link #pkcs12});
 *   <li>{@link #fabrikamRoot()} &rarr; {@link #fabrikamIssuingCa()} &rarr; {@link #partner()} (EC
 *       P-256, {@value #PARTNER}): an external partner, published as a mail contact;
 *   <li>{@link #planted()}: a certificate for the mailbox {@value #CAROL} whose e-mail address is
 *       {@value #CAROL_CERTIFICATE_EMAIL}, published by hand before the demo starts ({@link
 *       #populate}): Outlook on the web will not use it, and an audit reports it.
 * </ul>
 *
 * <p>Validity is relative to {@code now}: CAs from a day before for 10 (root) and 5 years, users
 * from a day before for a year. Nothing here is secret: the keys are derived from a public seed.
 */
public final class DemoOrganisation {
  /** The seed {@code smime demo} uses when none is given. */
  public static final long DEFAULT_SEED = 12L;

  /** The organisation's mail domain. */
  public static final String DOMAIN = "contoso.example";

  /** The partner's mail domain. */
  public static final String PARTNER_DOMAIN = "fabrikam.example";

  /** The first user (RSA key). */
  public static final String ALICE = "alice@contoso.example";

  /** The second user (EC key). */
  public static final String BOB = "bob@contoso.example";

  /** The external partner, published as a mail contact. */
  public static final String PARTNER = "dana@fabrikam.example";

  /** The partner contact's display name. */
  public static final String PARTNER_NAME = "Dana (Fabrikam)";

  /** The mailbox that holds the planted certificate. */
  public static final String CAROL = "carol@contoso.example";

  /** The e-mail address in the planted certificate, which is not the mailbox's primary address. */
  public static final String CAROL_CERTIFICATE_EMAIL = "carol.jones@contoso.example";

  private static final Duration DAY = Duration.ofDays(1);

  private final long seed;
  private final Instant now;
  private final TestCertificate contosoRoot;
  private final TestCertificate contosoIssuingCa;
  private final TestCertificate alice;
  private final TestCertificate bob;
  private final TestCertificate fabrikamRoot;
  private final TestCertificate fabrikamIssuingCa;
  private final TestCertificate partner;
  private final TestCertificate planted;

  private DemoOrganisation(long seed, Instant now) {
    this.seed = seed;
    this.now = now;
    TestPki pki = TestPki.create(seed, now);
    Instant from = now.minus(DAY);
    contosoRoot =
        pki.rootCa("Contoso Demo Root CA")
            .subject("CN=Contoso Demo Root CA,O=Contoso,C=US")
            .validity(from, from.plus(Duration.ofDays(3653)))
            .build();
    contosoIssuingCa =
        pki.intermediateCa("Contoso Demo Issuing CA", contosoRoot)
            .subject("CN=Contoso Demo Issuing CA,O=Contoso,C=US")
            .pathLength(0)
            .validity(from, from.plus(Duration.ofDays(1826)))
            .build();
    alice = user(pki, contosoIssuingCa, "Alice Example", ALICE, KeyType.RSA_2048, "Contoso");
    bob = user(pki, contosoIssuingCa, "Bob Example", BOB, KeyType.EC_P256, "Contoso");
    fabrikamRoot =
        pki.rootCa("Fabrikam Root CA")
            .subject("CN=Fabrikam Root CA,O=Fabrikam,C=DE")
            .keyType(KeyType.EC_P384)
            .validity(from, from.plus(Duration.ofDays(3653)))
            .build();
    fabrikamIssuingCa =
        pki.intermediateCa("Fabrikam Mail CA", fabrikamRoot)
            .subject("CN=Fabrikam Mail CA,O=Fabrikam,C=DE")
            .keyType(KeyType.EC_P256)
            .pathLength(0)
            .validity(from, from.plus(Duration.ofDays(1826)))
            .build();
    partner = user(pki, fabrikamIssuingCa, "Dana Partner", PARTNER, KeyType.EC_P256, "Fabrikam");
    planted =
        user(
            pki,
            contosoIssuingCa,
            "Carol Jones",
            CAROL_CERTIFICATE_EMAIL,
            KeyType.EC_P256,
            "Contoso");
  }

  private TestCertificate user(
      TestPki pki,
      TestCertificate issuer,
      String name,
      String email,
      KeyType keyType,
      String organisation) {
    Instant from = now.minus(DAY);
    return pki.leaf(issuer)
        .subject("CN=" + name + ",E=" + email + ",O=" + organisation)
        .email(email)
        .keyType(keyType)
        .validity(from, from.plus(Duration.ofDays(365)))
        .build();
  }

  /**
   * The organisation for {@code seed}, its validity periods relative to {@code now} (truncated to
   * seconds).
   */
  public static DemoOrganisation create(long seed, Instant now) {
    return new DemoOrganisation(
        seed, Objects.requireNonNull(now, "now").truncatedTo(ChronoUnit.SECONDS));
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /** The instant the validity periods are relative to. */
  public Instant now() {
    return now;
  }

  /** Contoso's self-signed root CA. */
  public TestCertificate contosoRoot() {
    return contosoRoot;
  }

  /** Contoso's issuing CA, issued by {@link #contosoRoot()}. */
  public TestCertificate contosoIssuingCa() {
    return contosoIssuingCa;
  }

  /** Alice's certificate and RSA key ({@value #ALICE}). */
  public TestCertificate alice() {
    return alice;
  }

  /** Bob's certificate and EC key ({@value #BOB}). */
  public TestCertificate bob() {
    return bob;
  }

  /** Fabrikam's self-signed root CA. */
  public TestCertificate fabrikamRoot() {
    return fabrikamRoot;
  }

  /** Fabrikam's issuing CA, issued by {@link #fabrikamRoot()}. */
  public TestCertificate fabrikamIssuingCa() {
    return fabrikamIssuingCa;
  }

  /** The partner's certificate ({@value #PARTNER}). */
  public TestCertificate partner() {
    return partner;
  }

  /**
   * The planted certificate: issued by Contoso's CA for {@value #CAROL_CERTIFICATE_EMAIL}, held by
   * the mailbox {@value #CAROL} after {@link #populate}.
   */
  public TestCertificate planted() {
    return planted;
  }

  /** The four CA certificates: Contoso's root and issuing CA, then Fabrikam's. */
  public List<TestCertificate> caCertificates() {
    return List.of(contosoRoot, contosoIssuingCa, fabrikamRoot, fabrikamIssuingCa);
  }

  /** The two roots, the trust anchors of every chain. */
  public List<TestCertificate> roots() {
    return List.of(contosoRoot, fabrikamRoot);
  }

  /**
   * The password of the users' PKCS#12 files, derived from the seed (a demo value: the keys are
   * public anyway). The caller owns the returned array and should clear it.
   */
  public char[] pkcs12Password() {
    return ("demo-" + Long.toHexString(new java.util.SplittableRandom(seed).nextLong()))
        .toCharArray();
  }

  /**
   * A user's PKCS#12 identity (key, certificate and chain to the root), protected with {@code
   * password} (PBES2, AES-256, HMAC-SHA256), with the user's address as friendly name.
   */
  public byte[] pkcs12(TestCertificate user, char[] password) {
    Objects.requireNonNull(user, "user");
    String alias;
    if (user.equals(alice)) {
      alias = ALICE;
    } else if (user.equals(bob)) {
      alias = BOB;
    } else {
      throw new IllegalArgumentException("not one of the organisation's users: " + user);
    }
    return user.pkcs12(password, alias);
  }

  /**
   * Fills a fake tenant with the directory as it is before the demo: the mailboxes {@value #ALICE},
   * {@value #BOB} and {@value #CAROL} without certificates but for the planted one on Carol's; no
   * contact and no issuing-CA store.
   */
  public void populate(FakeTenant tenant) {
    Objects.requireNonNull(tenant, "tenant");
    tenant.addMailbox(ALICE);
    tenant.addMailbox(BOB);
    tenant.addMailbox(CAROL);
    tenant.setUserCertificates(CAROL, List.of(planted.der()));
  }

  @Override
  public String toString() {
    return "DemoOrganisation[seed=" + seed + ", now=" + now + "]";
  }
}
