package io.github.smimekit.testing;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.jspecify.annotations.Nullable;

/**
 * A seeded generator of varied certificates: mostly EC P-256 keys (fast), sometimes P-384, Ed25519
 * or small RSA; 0-3 e-mail addresses; default, random or no key usage; various EKUs; current,
 * expired, not-yet-valid or odd validity; sometimes CA flags (also "CRL-less" CAs with keyCertSign
 * but no cRLSign), a subject emailAddress, SHA-1 signatures, missing key identifiers or an unknown
 * extension. Issuers are two generator-internal CAs (see {@link #caCertificates()}) or the
 * certificate itself. The same seed gives the same sequence (byte-identical certificates).
 *
 * <p>Not thread-safe.
 */
public final class RandomCertificates {
  private static final String[] DOMAINS = {
    "example.com", "example.org", "Example.NET", "mail.example.com", "xn--bcher-kva.example"
  };
  private static final String[] NAMES = {
    "Alice", "Bob", "Carol", "Dave", "Eve", "Zoë Weiß", "Ωmega", "Łukasz", "O'Brien, Pat", "李四"
  };

  private final RandomGenerator random;
  private final TestPki pki;
  private @Nullable TestCertificate root;
  private @Nullable TestCertificate intermediate;
  private int count;

  private RandomCertificates(long seed) {
    this.random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    this.pki = TestPki.create(seed);
  }

  /** A generator for {@code seed}; its PKI clock is {@link TestPki#DEFAULT_NOW}. */
  public static RandomCertificates create(long seed) {
    return new RandomCertificates(seed);
  }

  /** The PKI clock ("now") the validity periods are relative to. */
  public Instant now() {
    return pki.now();
  }

  /** The generator-internal CAs: the root, then the intermediate it issued. */
  public List<X509Certificate> caCertificates() {
    return List.of(root().certificate(), intermediate().certificate());
  }

  /** The next random certificate. */
  public TestCertificate next() {
    count++;
    int issuerPick = random.nextInt(100);
    boolean selfSigned = issuerPick < 20;
    TestCertificate issuer = issuerPick < 55 ? intermediate() : root();
    boolean asCa = random.nextInt(100) < 15;
    String name = NAMES[random.nextInt(NAMES.length)] + " " + count;
    TestPki.CertificateBuilder b;
    if (selfSigned) {
      b = pki.selfSigned(email(name));
    } else if (asCa) {
      b = pki.intermediateCa(name + " CA", issuer);
    } else {
      b = pki.leaf(issuer);
    }
    KeyType type = keyType();
    b.keyType(type);
    if (!selfSigned) {
      int n = random.nextInt(asCa ? 2 : 4);
      if (n == 0) {
        b.noSubjectAltName();
      } else {
        String[] emails = new String[n];
        for (int i = 0; i < n; i++) {
          emails[i] = email(name);
        }
        b.email(emails);
      }
    }
    if (random.nextInt(100) < 70) {
      b.commonName(name);
    }
    if (random.nextInt(100) < 20) {
      b.subjectEmail(email(name));
    }
    keyUsage(b, asCa);
    extendedKeyUsage(b);
    validity(b);
    if (asCa) {
      int p = random.nextInt(4);
      if (p == 0) {
        b.pathLength(random.nextInt(3));
      } else if (p == 1) {
        b.noBasicConstraints();
      }
    } else if (random.nextInt(100) < 5) {
      b.ca(true); // end entity that claims to be a CA
    }
    if (random.nextInt(100) < 6) {
      KeyType signer = selfSigned ? type : KeyType.EC_P256;
      if (signer.isEc()) {
        b.signatureAlgorithm("SHA1withECDSA");
      } else if (signer.isRsa()) {
        b.signatureAlgorithm("SHA1withRSA");
      }
    }
    if (random.nextInt(100) < 5) {
      b.noSubjectKeyIdentifier();
    }
    if (random.nextInt(100) < 5) {
      b.noAuthorityKeyIdentifier();
    }
    if (random.nextInt(100) < 10) {
      byte[] v = new byte[2 + random.nextInt(8)];
      random.nextBytes(v);
      v[0] = 0x04; // OCTET STRING
      v[1] = (byte) (v.length - 2);
      b.extension("1.3.6.1.4.1.55555." + random.nextInt(1000), random.nextInt(4) == 0, v);
    }
    return b.build();
  }

  /** A CRL by the generator's intermediate CA revoking a few random serial numbers. */
  public X509CRL nextCrl() {
    int n = random.nextInt(4);
    List<BigInteger> serials = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      serials.add(BigInteger.valueOf(random.nextLong(1, Long.MAX_VALUE)));
    }
    TestCertificate issuer = random.nextBoolean() ? intermediate() : root();
    Instant thisUpdate = pki.now().minus(Duration.ofHours(random.nextInt(1, 24 * 60)));
    Instant nextUpdate =
        random.nextInt(10) == 0 ? null : thisUpdate.plus(Duration.ofDays(random.nextInt(1, 60)));
    return pki.crl(issuer, thisUpdate, nextUpdate, serials);
  }

  private TestCertificate root() {
    TestCertificate r = root;
    if (r == null) {
      r = pki.rootCa("smimekit random root").keyType(KeyType.EC_P256).build();
      root = r;
    }
    return r;
  }

  private TestCertificate intermediate() {
    TestCertificate i = intermediate;
    if (i == null) {
      i = pki.intermediateCa("smimekit random issuing CA", root()).keyType(KeyType.EC_P256).build();
      intermediate = i;
    }
    return i;
  }

  private KeyType keyType() {
    int r = random.nextInt(100);
    if (r < 80) {
      return KeyType.EC_P256;
    } else if (r < 86) {
      return KeyType.EC_P384;
    } else if (r < 95) {
      return KeyType.ED25519;
    } else if (r < 99) {
      return KeyType.RSA_1024;
    }
    return KeyType.RSA_2048;
  }

  private String email(String name) {
    String local = name.replaceAll("[^A-Za-z]", "").toLowerCase(java.util.Locale.ROOT);
    if (local.isEmpty()) {
      local = "user";
    }
    return local + "." + random.nextInt(1000) + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
  }

  private void keyUsage(TestPki.CertificateBuilder b, boolean asCa) {
    int r = random.nextInt(100);
    if (r < 60) {
      return; // default
    }
    if (r < 75) {
      b.noKeyUsage();
      return;
    }
    if (asCa && r < 88) {
      b.keyUsage(KeyUsageBit.KEY_CERT_SIGN); // a CA that cannot sign CRLs
      return;
    }
    Set<KeyUsageBit> bits = EnumSet.noneOf(KeyUsageBit.class);
    for (KeyUsageBit bit : KeyUsageBit.values()) {
      if (random.nextInt(3) == 0) {
        bits.add(bit);
      }
    }
    b.keyUsage(bits.toArray(new KeyUsageBit[0]));
  }

  private void extendedKeyUsage(TestPki.CertificateBuilder b) {
    int r = random.nextInt(100);
    if (r < 50) {
      return; // default
    } else if (r < 65) {
      b.extendedKeyUsage("1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.2");
    } else if (r < 75) {
      b.extendedKeyUsage("2.5.29.37.0");
    } else if (r < 85) {
      b.extendedKeyUsage("1.3.6.1.5.5.7.3.2");
    } else {
      b.noExtendedKeyUsage();
    }
  }

  private void validity(TestPki.CertificateBuilder b) {
    int r = random.nextInt(100);
    if (r < 75) {
      return;
    } else if (r < 85) {
      b.expired();
    } else if (r < 90) {
      b.notYetValid();
    } else {
      Instant start = pki.now().minus(Duration.ofDays(random.nextInt(1, 4000)));
      b.validity(start, start.plus(Duration.ofDays(random.nextInt(1, 8000))));
    }
  }
}
