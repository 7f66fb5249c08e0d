package io.github.smimekit.testing;

import io.github.smimekit.testing.internal.CertMaker;
import io.github.smimekit.testing.internal.CertSpec;
import io.github.smimekit.testing.internal.DeterministicRandom;
import io.github.smimekit.testing.internal.KeyHolder;
import io.github.smimekit.testing.internal.Pkcs12Writer;
import io.github.smimekit.testing.internal.Signers;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A deterministic test PKI: the same seed and the same sequence of calls give the same keys, serial
 * numbers and byte-identical certificates.
 *
 * <pre>{@code
 * TestPki pki = TestPki.create(42L);
 * TestCertificate root = pki.rootCa("Test Root CA").build();
 * TestCertificate ica = pki.intermediateCa("Test Issuing CA", root).pathLength(0).build();
 * TestCertificate leaf = pki.leaf(ica).email("alice@example.com").build();
 * }</pre>
 *
 * <p>Keys and serial numbers are derived from the seed, the subject name and how many certificates
 * with that subject name this PKI made before, so adding a certificate with another subject does
 * not change the keys of the others (default leaf e-mail addresses and CRL numbers are simple
 * counters, though). Defaults: RSA-2048 keys; "CN=name,O=smimekit test" subjects; roots valid from
 * {@code now - 1 day} for 10 years, intermediates 5 years, leaves 365 days; SHA-256 signatures (RSA
 * PKCS#1 v1.5, or RFC 6979 deterministic ECDSA). An instance is safe to use from several threads,
 * but then the order of calls (and so the output) is not deterministic.
 */
public final class TestPki {
  /** The fixed clock of {@link #create(long)}: 2026-01-01T00:00:00Z. */
  public static final Instant DEFAULT_NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static final String ORG = "smimekit test";
  private static final Duration DAY = Duration.ofDays(1);
  private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

  private final long seed;
  private final Instant now;
  private final Map<String, Integer> counters = new HashMap<>();
  private @Nullable Pkcs12Writer pkcs12Writer;

  private TestPki(long seed, Instant now) {
    this.seed = seed;
    this.now = now.truncatedTo(ChronoUnit.SECONDS);
  }

  /** A PKI for {@code seed} whose clock is {@link #DEFAULT_NOW}. */
  public static TestPki create(long seed) {
    return new TestPki(seed, DEFAULT_NOW);
  }

  /** A PKI for {@code seed} whose clock is {@code now} (truncated to seconds). */
  public static TestPki create(long seed, Instant now) {
    return new TestPki(seed, Objects.requireNonNull(now, "now"));
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /** The PKI's "now": validity periods are relative to it. */
  public Instant now() {
    return now;
  }

  /** A self-signed CA "CN={commonName},O=smimekit test". */
  public CertificateBuilder rootCa(String commonName) {
    requireText(commonName, "commonName");
    CertificateBuilder b = new CertificateBuilder(this, Kind.ROOT, null, null);
    b.commonName = commonName;
    return b;
  }

  /** A CA "CN={commonName},O=smimekit test" issued by {@code issuer}. */
  public CertificateBuilder intermediateCa(String commonName, TestCertificate issuer) {
    requireText(commonName, "commonName");
    Objects.requireNonNull(issuer, "issuer");
    CertificateBuilder b = new CertificateBuilder(this, Kind.INTERMEDIATE, issuer, null);
    b.commonName = commonName;
    return b;
  }

  /**
   * An S/MIME end-entity certificate issued by {@code issuer}. Without {@code email(...)} it gets
   * "user{n}@example.com" (n counts the leaves of this PKI).
   */
  public CertificateBuilder leaf(TestCertificate issuer) {
    Objects.requireNonNull(issuer, "issuer");
    return new CertificateBuilder(this, Kind.LEAF, issuer, null);
  }

  /** A self-signed S/MIME end-entity certificate for {@code email}. */
  public CertificateBuilder selfSigned(String email) {
    requireText(email, "email");
    CertificateBuilder b = new CertificateBuilder(this, Kind.SELF_SIGNED, null, null);
    b.email(email);
    return b;
  }

  /**
   * A cross-certificate: same subject name (byte-identical), same public key and same extensions
   * (except the authority key identifier) as {@code certificate}, with its validity, issued and
   * signed by {@code newIssuer}.
   */
  public TestCertificate crossSign(TestCertificate certificate, TestCertificate newIssuer) {
    return crossSigned(certificate, newIssuer).build();
  }

  /** A builder for {@link #crossSign} whose settings can still be changed (e.g. expired()). */
  public CertificateBuilder crossSigned(TestCertificate certificate, TestCertificate newIssuer) {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(newIssuer, "newIssuer");
    return new CertificateBuilder(this, Kind.CROSS, newIssuer, certificate);
  }

  /**
   * A renewal of {@code certificate}: same subject name (byte-identical) and extensions, same
   * issuer (itself again for a self-signed one), a new key of the same type and a new validity
   * starting at {@code now - 1 day} with the original length.
   */
  public CertificateBuilder renew(TestCertificate certificate) {
    Objects.requireNonNull(certificate, "certificate");
    return new CertificateBuilder(this, Kind.RENEW, certificate.issuer().orElse(null), certificate);
  }

  /**
   * A CRL by {@code issuer} with thisUpdate {@code now - 1 day}, nextUpdate {@code now + 30 days},
   * listing {@code revokedSerials} (revoked at {@code now - 1 day}, reason keyCompromise).
   */
  public X509CRL crl(TestCertificate issuer, BigInteger... revokedSerials) {
    return crl(issuer, now.minus(DAY), now.plus(Duration.ofDays(30)), List.of(revokedSerials));
  }

  /**
   * A CRL by {@code issuer}; {@code nextUpdate} may be null (absent). Carries an authority key
   * identifier and a CRL number (counting the CRLs of this PKI).
   */
  public X509CRL crl(
      TestCertificate issuer,
      Instant thisUpdate,
      @Nullable Instant nextUpdate,
      List<BigInteger> revokedSerials) {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(thisUpdate, "thisUpdate");
    List<BigInteger> revoked = List.copyOf(revokedSerials);
    int n = next("crl|" + issuer.subject());
    String label = issuer.subject() + "#" + n;
    byte[] der =
        CertMaker.makeCrl(
            issuer.certificate(),
            issuer.keyHolder(),
            thisUpdate,
            nextUpdate,
            revoked,
            thisUpdate,
            BigInteger.valueOf(n + 1L),
            Signers.defaultAlgorithm(issuer.keyHolder()),
            seed,
            label);
    return CertMaker.parseCrl(der);
  }

  synchronized Pkcs12Writer pkcs12Writer() {
    Pkcs12Writer w = pkcs12Writer;
    if (w == null) {
      w = new Pkcs12Writer();
      pkcs12Writer = w;
    }
    return w;
  }

  private synchronized int next(String label) {
    return counters.merge(label, 1, Integer::sum) - 1;
  }

  private static void requireText(String s, String name) {
    Objects.requireNonNull(s, name);
    if (s.isEmpty()) {
      throw new IllegalArgumentException(name + " is empty");
    }
  }

  private enum Kind {
    ROOT,
    INTERMEDIATE,
    LEAF,
    SELF_SIGNED,
    CROSS,
    RENEW
  }

  /**
   * Settings of one certificate. Every setter checks its argument and returns this builder; {@link
   * #build()} signs the certificate. Not thread-safe; one builder makes one certificate per {@code
   * build()} call.
   */
  public static final class CertificateBuilder {
    private final TestPki pki;
    private final Kind kind;
    private final @Nullable TestCertificate issuer;
    private final @Nullable TestCertificate template;

    private @Nullable String commonName;
    private @Nullable String subject;
    private @Nullable String subjectEmail;
    private @Nullable List<String> emails;
    private @Nullable KeyType keyType;
    private @Nullable KeyPair keyPair;
    private @Nullable Instant notBefore;
    private @Nullable Instant notAfter;
    private boolean keyUsageSet;
    private @Nullable Set<KeyUsageBit> keyUsage;
    private boolean ekuSet;
    private @Nullable List<String> eku;
    private boolean basicConstraintsSet;
    private @Nullable Boolean ca;
    private @Nullable Integer pathLength;
    private boolean nameConstraintsSet;
    private @Nullable List<String> permitted;
    private @Nullable List<String> excluded;
    private @Nullable String signatureAlgorithm;
    private @Nullable BigInteger serial;
    private boolean subjectKeyIdentifier = true;
    private boolean authorityKeyIdentifier = true;
    private byte @Nullable [] authorityKeyId;
    private final List<CertSpec.RawExtension> extensions = new ArrayList<>();

    private CertificateBuilder(
        TestPki pki,
        Kind kind,
        @Nullable TestCertificate issuer,
        @Nullable TestCertificate template) {
      this.pki = pki;
      this.kind = kind;
      this.issuer = issuer;
      this.template = template;
    }

    /** The CN of the default subject "CN=...,O=smimekit test" (ignored after subject()). */
    public CertificateBuilder commonName(String commonName) {
      requireText(commonName, "commonName");
      this.commonName = commonName;
      return this;
    }

    /** The full subject DN as an RFC 4514 string; the left-most RDN is the most specific. */
    public CertificateBuilder subject(String dn) {
      requireText(dn, "dn");
      CertMaker.nameDer(dn, null); // throws IllegalArgumentException when unparseable
      this.subject = dn;
      return this;
    }

    /** Adds an emailAddress (1.2.840.113549.1.9.1) attribute as the most specific RDN. */
    public CertificateBuilder subjectEmail(String email) {
      requireText(email, "email");
      this.subjectEmail = email;
      return this;
    }

    /** The subjectAltName rfc822Name values (replaces earlier ones; none = no SAN). */
    public CertificateBuilder email(String... emails) {
      Objects.requireNonNull(emails, "emails");
      for (String e : emails) {
        requireText(e, "email");
      }
      this.emails = List.of(emails);
      return this;
    }

    /** No subjectAltName extension. */
    public CertificateBuilder noSubjectAltName() {
      this.emails = List.of();
      return this;
    }

    /** The type of the generated key (ignored when {@link #keyPair} is set). */
    public CertificateBuilder keyType(KeyType keyType) {
      this.keyType = Objects.requireNonNull(keyType, "keyType");
      return this;
    }

    /** Uses this key pair instead of generating one (RSA, EC or Ed25519 JCA keys). */
    public CertificateBuilder keyPair(KeyPair keyPair) {
      Objects.requireNonNull(keyPair, "keyPair");
      KeyHolder.of(keyPair); // throws IllegalArgumentException when unsupported
      this.keyPair = keyPair;
      return this;
    }

    /** The validity period (an inverted period is allowed, for negative tests). */
    public CertificateBuilder validity(Instant notBefore, Instant notAfter) {
      this.notBefore = Objects.requireNonNull(notBefore, "notBefore");
      this.notAfter = Objects.requireNonNull(notAfter, "notAfter");
      return this;
    }

    /** Validity {@code now - 366 days .. now - 1 day}. */
    public CertificateBuilder expired() {
      return validity(pki.now.minus(Duration.ofDays(366)), pki.now.minus(DAY));
    }

    /** Validity {@code now + 1 day .. now + 366 days}. */
    public CertificateBuilder notYetValid() {
      return validity(pki.now.plus(DAY), pki.now.plus(Duration.ofDays(366)));
    }

    /** A critical keyUsage extension with exactly these bits. */
    public CertificateBuilder keyUsage(KeyUsageBit... bits) {
      Objects.requireNonNull(bits, "bits");
      Set<KeyUsageBit> set = EnumSet.noneOf(KeyUsageBit.class);
      for (KeyUsageBit b : bits) {
        set.add(Objects.requireNonNull(b, "bit"));
      }
      this.keyUsage = set;
      this.keyUsageSet = true;
      return this;
    }

    /** No keyUsage extension. */
    public CertificateBuilder noKeyUsage() {
      this.keyUsage = null;
      this.keyUsageSet = true;
      return this;
    }

    /** A non-critical extendedKeyUsage extension with these purpose OIDs (dotted form). */
    public CertificateBuilder extendedKeyUsage(String... oids) {
      Objects.requireNonNull(oids, "oids");
      for (String oid : oids) {
        requireOid(oid);
      }
      this.eku = List.of(oids);
      this.ekuSet = true;
      return this;
    }

    /**
     * A non-critical authorityInfoAccess extension with one caIssuers access description per URL
     * (any scheme, not checked), where the issuer's certificate can be downloaded. Replaces an
     * earlier call.
     */
    public CertificateBuilder caIssuers(String... urls) {
      Objects.requireNonNull(urls, "urls");
      for (String url : urls) {
        requireText(url, "url");
      }
      return extension("1.3.6.1.5.5.7.1.1", false, CertMaker.caIssuersDer(List.of(urls)));
    }

    /** No extendedKeyUsage extension. */
    public CertificateBuilder noExtendedKeyUsage() {
      this.eku = null;
      this.ekuSet = true;
      return this;
    }

    /** A critical basicConstraints extension with cA = {@code ca}. */
    public CertificateBuilder ca(boolean ca) {
      this.ca = ca;
      if (!ca) {
        this.pathLength = null;
      }
      this.basicConstraintsSet = true;
      return this;
    }

    /** basicConstraints cA = true with this pathLenConstraint (>= 0). */
    public CertificateBuilder pathLength(int pathLength) {
      if (pathLength < 0) {
        throw new IllegalArgumentException("pathLength < 0: " + pathLength);
      }
      this.ca = true;
      this.pathLength = pathLength;
      this.basicConstraintsSet = true;
      return this;
    }

    /** No basicConstraints extension. */
    public CertificateBuilder noBasicConstraints() {
      this.ca = null;
      this.pathLength = null;
      this.basicConstraintsSet = true;
      return this;
    }

    /**
     * The signature algorithm the issuer signs with: MD5withRSA, SHA1withRSA, SHA224withRSA,
     * SHA256withRSA, SHA384withRSA, SHA512withRSA, SHA256withRSAandMGF1 (PSS),
     * SHA384withRSAandMGF1, SHA512withRSAandMGF1, SHA1withECDSA ... SHA512withECDSA, Ed25519
     * (case-insensitive).
     */
    public CertificateBuilder signatureAlgorithm(String algorithm) {
      requireText(algorithm, "algorithm");
      if (!Signers.isSupported(algorithm)) {
        throw new IllegalArgumentException("unsupported signature algorithm: " + algorithm);
      }
      this.signatureAlgorithm = algorithm;
      return this;
    }

    /** The serial number (any value, even zero or negative, for negative tests). */
    public CertificateBuilder serial(BigInteger serial) {
      this.serial = Objects.requireNonNull(serial, "serial");
      return this;
    }

    /** No subjectKeyIdentifier extension. */
    public CertificateBuilder noSubjectKeyIdentifier() {
      this.subjectKeyIdentifier = false;
      return this;
    }

    /** No authorityKeyIdentifier extension. */
    public CertificateBuilder noAuthorityKeyIdentifier() {
      this.authorityKeyIdentifier = false;
      this.authorityKeyId = null;
      return this;
    }

    /** An authorityKeyIdentifier with this keyIdentifier (e.g. a wrong one). */
    public CertificateBuilder authorityKeyIdentifier(byte[] keyIdentifier) {
      Objects.requireNonNull(keyIdentifier, "keyIdentifier");
      this.authorityKeyIdentifier = true;
      this.authorityKeyId = keyIdentifier.clone();
      return this;
    }

    /**
     * A critical nameConstraints extension. Each entry is "dns:host", "rfc822:x" / "email:x"
     * (mailbox, host or ".domain"), "dn:CN=..." or, without prefix, an rfc822Name form.
     */
    public CertificateBuilder nameConstraints(List<String> permitted, List<String> excluded) {
      List<String> p = List.copyOf(Objects.requireNonNull(permitted, "permitted"));
      List<String> x = List.copyOf(Objects.requireNonNull(excluded, "excluded"));
      if (p.isEmpty() && x.isEmpty()) {
        throw new IllegalArgumentException("name constraints: both lists are empty");
      }
      for (String s : p) {
        CertMaker.generalName(s);
      }
      for (String s : x) {
        CertMaker.generalName(s);
      }
      this.permitted = p;
      this.excluded = x;
      this.nameConstraintsSet = true;
      return this;
    }

    /**
     * An extra extension; {@code value} is the DER put in the extnValue OCTET STRING (not checked,
     * so malformed values are possible). Replaces a standard extension with the same OID, and an
     * earlier extra one.
     */
    public CertificateBuilder extension(String oid, boolean critical, byte[] value) {
      requireOid(oid);
      Objects.requireNonNull(value, "value");
      extensions.removeIf(e -> e.oid().equals(oid));
      extensions.add(new CertSpec.RawExtension(oid, critical, value));
      return this;
    }

    /** Makes and signs the certificate. */
    public TestCertificate build() {
      CertSpec s = new CertSpec();
      s.seed = pki.seed;
      TestCertificate tpl = template;
      boolean customSubject = subject != null || commonName != null || subjectEmail != null;
      List<String> san = emails;
      if (tpl != null && !customSubject) {
        s.subjectDer = tpl.certificate().getSubjectX500Principal().getEncoded();
      } else {
        if (san == null && (kind == Kind.LEAF || kind == Kind.SELF_SIGNED)) {
          san = List.of("user" + (pki.next("default-leaf") + 1) + "@example.com");
        }
        String dn = subject;
        if (dn == null) {
          String cn = commonName;
          if (cn == null) {
            cn = san != null && !san.isEmpty() ? san.get(0) : "Test User";
          }
          dn = "CN=" + CertMaker.escape(cn) + ",O=" + ORG;
        }
        s.subject = dn;
        s.subjectEmail = subjectEmail;
      }
      String nameLabel =
          s.subjectDer != null
              ? HexFormat.of().formatHex(s.subjectDer)
              : s.subject + "|" + s.subjectEmail;
      String label = nameLabel + "#" + pki.next("name|" + nameLabel);
      s.label = label;

      // key
      if (keyPair != null) {
        s.key = KeyHolder.of(keyPair);
      } else if (kind == Kind.CROSS && keyType == null && tpl != null) {
        s.key = tpl.keyHolder();
      } else {
        KeyType t =
            keyType != null ? keyType : tpl != null ? tpl.keyHolder().keyType() : KeyType.RSA_2048;
        s.key = KeyHolder.generate(t, new DeterministicRandom(pki.seed, "key|" + t + "|" + label));
      }
      KeyType subjectKeyType = s.key.keyType();

      // issuer
      if (issuer != null) {
        s.issuerCertificate = issuer.certificate();
        s.issuerKey = issuer.keyHolder();
      }
      KeyHolder signer = issuer != null ? issuer.keyHolder() : s.key;
      s.signatureAlgorithm =
          signatureAlgorithm != null ? signatureAlgorithm : Signers.defaultAlgorithm(signer);

      // serial
      if (serial != null) {
        s.serial = serial;
      } else {
        byte[] b = new byte[16];
        new DeterministicRandom(pki.seed, "serial|" + label).nextBytes(b);
        b[0] = (byte) ((b[0] & 0x7f) | 0x40);
        s.serial = new BigInteger(1, b);
      }

      // validity
      Instant nb = notBefore;
      Instant na = notAfter;
      if (nb == null || na == null) {
        if (kind == Kind.CROSS && tpl != null) {
          nb = tpl.certificate().getNotBefore().toInstant();
          na = tpl.certificate().getNotAfter().toInstant();
        } else if (kind == Kind.RENEW && tpl != null) {
          Duration length =
              Duration.between(
                  tpl.certificate().getNotBefore().toInstant(),
                  tpl.certificate().getNotAfter().toInstant());
          nb = pki.now.minus(DAY);
          na = nb.plus(length);
        } else {
          nb = pki.now.minus(DAY);
          na = pki.now.plus(defaultLifetime());
        }
      }
      s.notBefore = nb;
      s.notAfter = na;

      // extensions
      s.template = tpl == null ? null : tpl.certificate();
      boolean inherit = tpl != null;
      Set<String> inh = new HashSet<>();
      if (inherit) {
        inh.add(CertMaker.OTHER);
      }
      boolean isCa = kind == Kind.ROOT || kind == Kind.INTERMEDIATE;
      if (basicConstraintsSet) {
        s.ca = ca;
        s.pathLength = pathLength;
      } else if (inherit) {
        inh.add("2.5.29.19");
      } else {
        s.ca = isCa;
      }
      if (keyUsageSet) {
        s.keyUsage = keyUsage;
      } else if (inherit) {
        inh.add("2.5.29.15");
      } else if (isCa) {
        s.keyUsage = EnumSet.of(KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN);
      } else if (subjectKeyType.isRsa()) {
        s.keyUsage = EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_ENCIPHERMENT);
      } else if (subjectKeyType.isEc()) {
        s.keyUsage = EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_AGREEMENT);
      } else {
        s.keyUsage = EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE);
      }
      if (ekuSet) {
        s.extendedKeyUsage = eku;
      } else if (inherit) {
        inh.add("2.5.29.37");
      } else if (!isCa) {
        s.extendedKeyUsage = List.of("1.3.6.1.5.5.7.3.4");
      }
      if (emails != null) {
        s.emails = emails;
      } else if (inherit) {
        inh.add("2.5.29.17");
      } else {
        s.emails = san;
      }
      if (nameConstraintsSet) {
        s.permitted = permitted;
        s.excluded = excluded;
      } else if (inherit) {
        inh.add("2.5.29.30");
      }
      s.inherit = inh;
      s.subjectKeyIdentifier = subjectKeyIdentifier;
      s.authorityKeyIdentifier = authorityKeyIdentifier;
      s.authorityKeyId = authorityKeyId;
      s.extensions = new ArrayList<>(extensions);

      byte[] der = CertMaker.make(s);
      X509Certificate cert = CertMaker.parseCertificate(der);
      return new TestCertificate(pki, der, cert, s.key, issuer);
    }

    private Duration defaultLifetime() {
      return switch (kind) {
        case ROOT -> Duration.ofDays(3650);
        case INTERMEDIATE -> Duration.ofDays(1825);
        default -> Duration.ofDays(365);
      };
    }

    private static void requireOid(String oid) {
      Objects.requireNonNull(oid, "oid");
      if (!OID.matcher(oid).matches()) {
        throw new IllegalArgumentException("not a dotted OID: " + oid);
      }
    }

    @Override
    public String toString() {
      return "CertificateBuilder[" + kind + "]";
    }
  }
}
