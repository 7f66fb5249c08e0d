package io.github.smimekit.testing;

import io.github.smimekit.testing.internal.StoreValues;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * A seeded generator of random serialized certificate stores (.sst). Each store has 0-6
 * certificates from {@link RandomCertificates} and 0-2 CRLs signed by a generator CA (certificates
 * first, as Windows and Wine write them; now and then a CRL comes first). Each context gets random
 * properties before it: known ids with plausible values (11 friendly name as UTF-16LE + NUL, 3
 * SHA-1 of the certificate, mostly last, 9/122/127 DER SEQUENCE OF OID, 20 key identifier, 4, 15,
 * 25, 28, 29, 98, 107 hashes computed as Windows does, 92 key bit length, 104/126 FILETIME or
 * empty, 2 KEY_PROV_INFO, 13 description), user ids 0x8000-0xFFFF and unknown ids with opaque (also
 * empty) values. No property id repeats within a context, every encoding is 1, and every property
 * is followed by its context. The same seed gives the same sequence of stores.
 *
 * <p>Not thread-safe.
 */
public final class RandomStores {
  private static final String[] FRIENDLY = {
    "Test CA", "smimekit", "Zoë's certificate", "Ωmega Root", "", "A\tB", "李四的证书"
  };
  private static final String[] EKUS = {
    "1.3.6.1.5.5.7.3.4",
    "1.3.6.1.5.5.7.3.2",
    "1.3.6.1.5.5.7.3.1",
    "1.3.6.1.5.5.7.3.3",
    "1.3.6.1.5.5.7.3.8",
    "1.3.6.1.4.1.311.10.3.12",
    "2.5.29.37.0"
  };

  private final RandomGenerator random;
  private final RandomCertificates certificates;

  private RandomStores(long seed) {
    this.random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    this.certificates = RandomCertificates.create(seed ^ 0x5354535354535354L);
  }

  /** A generator for {@code seed}. */
  public static RandomStores create(long seed) {
    return new RandomStores(seed);
  }

  /** The next random store. */
  public GeneratedStore next() {
    int nCerts = random.nextInt(20) == 0 ? 0 : random.nextInt(1, 7);
    int nCrls = random.nextInt(100) < 65 ? 0 : random.nextInt(1, 3);
    List<X509Certificate> certs = new ArrayList<>();
    for (int i = 0; i < nCerts; i++) {
      certs.add(certificates.next().certificate());
    }
    List<X509CRL> crls = new ArrayList<>();
    for (int i = 0; i < nCrls; i++) {
      crls.add(certificates.nextCrl());
    }
    boolean crlFirst = !crls.isEmpty() && !certs.isEmpty() && random.nextInt(10) == 0;
    List<GeneratedElement> elements = new ArrayList<>();
    if (crlFirst) {
      addCrls(elements, crls);
    }
    for (X509Certificate c : certs) {
      elements.addAll(certificateProperties(c));
      elements.add(GeneratedElement.of(GeneratedElement.CERTIFICATE, der(c)));
    }
    if (!crlFirst) {
      addCrls(elements, crls);
    }
    return GeneratedStore.of(elements, certs, crls);
  }

  private void addCrls(List<GeneratedElement> elements, List<X509CRL> crls) {
    for (X509CRL crl : crls) {
      byte[] der;
      try {
        der = crl.getEncoded();
      } catch (CRLException e) {
        throw new IllegalStateException("cannot encode crl", e);
      }
      Map<Integer, byte[]> props = new LinkedHashMap<>();
      opaqueProperties(props);
      if (random.nextBoolean()) {
        props.put(3, digest("SHA-1", der));
      }
      for (Map.Entry<Integer, byte[]> p : props.entrySet()) {
        elements.add(GeneratedElement.of(p.getKey(), p.getValue()));
      }
      elements.add(GeneratedElement.of(GeneratedElement.CRL, der));
    }
  }

  private List<GeneratedElement> certificateProperties(X509Certificate c) {
    byte[] der = der(c);
    Map<Integer, byte[]> props = new LinkedHashMap<>();
    if (chance(50)) {
      props.put(11, utf16z(FRIENDLY[random.nextInt(FRIENDLY.length)]));
    }
    if (chance(25)) {
      props.put(9, StoreValues.oidSequence(randomEkus()));
    }
    if (chance(30)) {
      byte[] ski = c.getExtensionValue("2.5.29.14");
      // OCTET STRING { OCTET STRING keyId }: a 20-byte key id sits in the last 20 bytes
      props.put(
          20,
          ski != null && ski.length == 24
              ? java.util.Arrays.copyOfRange(ski, 4, 24)
              : digest("SHA-1", StoreValues.publicKeyBits(der)));
    }
    if (chance(25)) {
      props.put(29, digest("MD5", c.getSubjectX500Principal().getEncoded()));
    }
    if (chance(15)) {
      props.put(25, digest("MD5", StoreValues.publicKeyBits(der)));
    }
    if (chance(15)) {
      props.put(98, digest("SHA-256", der));
    }
    if (chance(15)) {
      props.put(107, digest("SHA-256", der));
    }
    if (chance(10)) {
      props.put(4, digest("MD5", der));
    }
    if (chance(10)) {
      try {
        props.put(15, digest("SHA-1", c.getTBSCertificate()));
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("cannot encode tbs", e);
      }
    }
    if (chance(5)) {
      byte[] serial = c.getSerialNumber().toByteArray();
      byte[] le = new byte[serial.length];
      for (int i = 0; i < serial.length; i++) {
        le[i] = serial[serial.length - 1 - i];
      }
      props.put(28, digest("MD5", concat(c.getIssuerX500Principal().getEncoded(), le)));
    }
    if (chance(10)) {
      props.put(92, u32(keyBits(c)));
    }
    if (chance(10)) {
      props.put(13, utf16z("description " + random.nextInt(100)));
    }
    if (chance(10)) {
      props.put(104, chance(50) ? new byte[0] : filetime(c.getNotBefore().toInstant()));
    }
    if (chance(10)) {
      props.put(126, chance(50) ? new byte[0] : filetime(c.getNotAfter().toInstant()));
    }
    if (chance(5)) {
      props.put(122, StoreValues.oidSequence(randomEkus()));
    }
    if (chance(5)) {
      props.put(127, StoreValues.oidSequence(randomEkus()));
    }
    if (chance(5)) {
      props.put(83, StoreValues.oidSequence(List.of("2.23.140.1.5.1.1", "1.3.6.1.4.1.311.94.1.1")));
    }
    if (chance(10)) {
      props.put(2, keyProvInfo());
    }
    if (chance(3)) {
      props.put(19, new byte[0]);
    }
    opaqueProperties(props);
    List<Map.Entry<Integer, byte[]>> list = new ArrayList<>(props.entrySet());
    shuffle(list);
    List<GeneratedElement> out = new ArrayList<>();
    for (Map.Entry<Integer, byte[]> p : list) {
      out.add(GeneratedElement.of(p.getKey(), p.getValue()));
    }
    if (chance(70)) {
      GeneratedElement sha1 = GeneratedElement.of(3, digest("SHA-1", der));
      if (chance(90)) {
        out.add(sha1);
      } else {
        out.add(random.nextInt(out.size() + 1), sha1);
      }
    }
    return out;
  }

  private void opaqueProperties(Map<Integer, byte[]> props) {
    if (chance(20)) {
      int n = random.nextInt(1, 3);
      for (int i = 0; i < n; i++) {
        props.putIfAbsent(random.nextInt(0x8000, 0x10000), opaque());
      }
    }
    if (chance(15)) {
      int n = random.nextInt(1, 3);
      for (int i = 0; i < n; i++) {
        int id = random.nextBoolean() ? random.nextInt(35, 64) : random.nextInt(128, 0x8000);
        props.putIfAbsent(id, opaque());
      }
    }
  }

  private byte[] opaque() {
    byte[] b = new byte[random.nextInt(4) == 0 ? 0 : random.nextInt(1, 33)];
    random.nextBytes(b);
    return b;
  }

  private List<String> randomEkus() {
    int n = random.nextInt(0, 4);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String oid = EKUS[random.nextInt(EKUS.length)];
      if (!out.contains(oid)) {
        out.add(oid);
      }
    }
    return out;
  }

  /** Serialized CRYPT_KEY_PROV_INFO with offsets (spec section 3, id 2). */
  private byte[] keyProvInfo() {
    byte[] container = utf16z("le-smimekit-" + Long.toHexString(random.nextLong()));
    byte[] provider = utf16z("Microsoft Enhanced RSA and AES Cryptographic Provider");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(u32(28));
    out.writeBytes(u32(28 + container.length));
    out.writeBytes(u32(24)); // PROV_RSA_AES
    out.writeBytes(u32(0)); // flags
    out.writeBytes(u32(0)); // cProvParam
    out.writeBytes(u32(0)); // rgProvParam
    out.writeBytes(u32(random.nextBoolean() ? 1 : 2)); // AT_KEYEXCHANGE / AT_SIGNATURE
    out.writeBytes(container);
    out.writeBytes(provider);
    return out.toByteArray();
  }

  private static int keyBits(X509Certificate c) {
    if (c.getPublicKey() instanceof RSAPublicKey rsa) {
      return rsa.getModulus().bitLength();
    } else if (c.getPublicKey() instanceof ECPublicKey ec) {
      return ec.getParams().getCurve().getField().getFieldSize();
    }
    return 256;
  }

  private boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  private <T> void shuffle(List<T> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }

  private static byte[] utf16z(String s) {
    return (s + "\0").getBytes(StandardCharsets.UTF_16LE);
  }

  private static byte[] u32(int v) {
    return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
  }

  private static byte[] filetime(Instant t) {
    long ticks = (t.getEpochSecond() + 11_644_473_600L) * 10_000_000L + t.getNano() / 100;
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (ticks >>> (8 * i));
    }
    return b;
  }

  private static byte[] der(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode certificate", e);
    }
  }

  private static byte[] digest(String alg, byte[] data) {
    try {
      return MessageDigest.getInstance(alg).digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(alg + " unavailable", e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
