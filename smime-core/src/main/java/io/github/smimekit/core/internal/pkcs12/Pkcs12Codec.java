package io.github.smimekit.core.internal.pkcs12;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.IdentitySelectionException;
import io.github.smimekit.core.IdentitySelectionException.Candidate;
import io.github.smimekit.core.Password;
import io.github.smimekit.core.Pkcs12;
import io.github.smimekit.core.Pkcs12Identity;
import io.github.smimekit.core.Pkcs12Info;
import io.github.smimekit.core.Pkcs12ReadOptions;
import io.github.smimekit.core.SmimeException;
import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.core.UnsupportedAlgorithmException;
import io.github.smimekit.core.WrongPasswordException;
import io.github.smimekit.core.internal.Providers;
import io.github.smimekit.core.internal.cert.CertificateDecoder;
import io.github.smimekit.core.internal.cert.KeyDescriptions;
import io.github.smimekit.core.internal.cert.Nesting;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.AuthenticatedSafe;
import org.bouncycastle.asn1.pkcs.CertBag;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.jspecify.annotations.Nullable;

/**
 * Reads and inspects PKCS#12 files (RFC 7292) with explicit limits, its own MAC check and control
 * of the password encodings (see {@link Secrets}). Writing is in {@link Pkcs12Writer}.
 */
public final class Pkcs12Codec {
  private static final String FILE = "PKCS#12";
  private static final String DATA = "1.2.840.113549.1.7.1";
  private static final String SIGNED_DATA = "1.2.840.113549.1.7.2";
  private static final String ENVELOPED_DATA = "1.2.840.113549.1.7.3";
  private static final String ENCRYPTED_DATA = "1.2.840.113549.1.7.6";
  private static final String BAG_PREFIX = "1.2.840.113549.1.12.10.1.";
  private static final String KEY_BAG = BAG_PREFIX + "1";
  private static final String SHROUDED_KEY_BAG = BAG_PREFIX + "2";
  private static final String CERT_BAG = BAG_PREFIX + "3";
  private static final String SAFE_CONTENTS_BAG = BAG_PREFIX + "6";
  private static final String X509_CERTIFICATE = "1.2.840.113549.1.9.22.1";
  private static final String FRIENDLY_NAME = "1.2.840.113549.1.9.20";
  private static final String LOCAL_KEY_ID = "1.2.840.113549.1.9.21";
  private static final int MAX_NESTING = 4;
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private static final Map<String, String> KEY_ALGORITHMS =
      Map.of(
          "1.2.840.113549.1.1.1", "RSA",
          "1.2.840.113549.1.1.10", "RSASSA-PSS",
          "1.2.840.10045.2.1", "EC",
          "1.3.101.112", "Ed25519",
          "1.3.101.113", "Ed448",
          "1.3.101.110", "X25519",
          "1.3.101.111", "X448",
          "1.2.840.10040.4.1", "DSA");

  private Pkcs12Codec() {}

  /** A private key bag, decrypted on demand. */
  private static final class KeyEntry {
    final int index;
    final @Nullable String friendlyName;
    final byte @Nullable [] localKeyId;
    final @Nullable PrivateKeyInfo plain;
    final @Nullable EncryptedPrivateKeyInfo encrypted;
    final @Nullable Pbe pbe;
    @Nullable CertEntry cert;
    boolean guessed; // cert paired by the lone-leaf rule, not by an attribute

    KeyEntry(
        int index,
        @Nullable String friendlyName,
        byte @Nullable [] localKeyId,
        @Nullable PrivateKeyInfo plain,
        @Nullable EncryptedPrivateKeyInfo encrypted,
        @Nullable Pbe pbe) {
      this.index = index;
      this.friendlyName = friendlyName;
      this.localKeyId = localKeyId;
      this.plain = plain;
      this.encrypted = encrypted;
      this.pbe = pbe;
    }

    Optional<String> alias() {
      if (friendlyName != null) {
        return Optional.of(friendlyName);
      }
      CertEntry c = cert;
      return c == null ? Optional.empty() : Optional.ofNullable(c.friendlyName);
    }

    Candidate candidate() {
      CertEntry c = cert;
      return new Candidate(
          alias(),
          c == null ? Optional.empty() : Optional.of(c.subject()),
          c == null ? Optional.empty() : Optional.of(c.sha1));
    }
  }

  /** A certificate bag. */
  private static final class CertEntry {
    final X509Certificate certificate;
    final @Nullable String friendlyName;
    final byte @Nullable [] localKeyId;
    final Thumbprint sha1;
    boolean hasKey;

    CertEntry(
        X509Certificate certificate,
        @Nullable String friendlyName,
        byte @Nullable [] localKeyId,
        Thumbprint sha1) {
      this.certificate = certificate;
      this.friendlyName = friendlyName;
      this.localKeyId = localKeyId;
      this.sha1 = sha1;
    }

    String subject() {
      return KeyDescriptions.displayName(certificate.getSubjectX500Principal());
    }
  }

  /** The state of one call. */
  private static final class Reader {
    final Pkcs12ReadOptions options;
    final Secrets secrets;
    final Budget budget;
    final List<KeyEntry> keys = new ArrayList<>();
    final List<CertEntry> certs = new ArrayList<>();
    final List<Pkcs12Info.Encryption> encryptions = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    Pkcs12Info.@Nullable Mac mac;
    int bags;

    Reader(Pkcs12ReadOptions options, Secrets secrets) {
      this.options = options;
      this.secrets = secrets;
      this.budget = new Budget(8L * options.maxIterations());
    }

    long elements;
    final CertificateDecoder decoder = CertificateDecoder.create();

    /** Walks {@code data} (see {@link Der#check}) and counts its elements against the limit. */
    void check(byte[] data, String where) {
      elements += Der.check(data, where);
      long limit = (long) Der.ELEMENTS_PER_BAG * options.maxBags() + 4096;
      if (elements > limit) {
        throw new SmimeFormatException(
            where
                + ": more than "
                + limit
                + " DER elements ("
                + Der.ELEMENTS_PER_BAG
                + " per bag of the limit of "
                + options.maxBags()
                + " bags)");
      }
    }

    /** Counts the elements of the SEQUENCE {@code data} as bags, before they are parsed. */
    void countChildren(byte[] data, String where, String what) {
      int n = Der.children(data);
      if ((long) bags + n > options.maxBags()) {
        throw new SmimeFormatException(
            where
                + ": more than "
                + options.maxBags()
                + " safes and bags (limit): "
                + n
                + " "
                + what
                + " follow");
      }
    }

    void countBag(String where) {
      if (++bags > options.maxBags()) {
        throw new SmimeFormatException(
            where + ": more than " + options.maxBags() + " safes and bags (limit)");
      }
    }
  }

  /** Reads the one identity {@code options} selects. */
  public static Pkcs12Identity read(byte[] data, Password password, Pkcs12ReadOptions options) {
    try (Secrets secrets = new Secrets(password)) {
      return identity(parse(data, secrets, options));
    }
  }

  /** The identity {@code options} selects and the inspection, from one parse and one MAC check. */
  public static Pkcs12.Inspected readAndInspect(
      byte[] data, Password password, Pkcs12ReadOptions options) {
    try (Secrets secrets = new Secrets(password)) {
      Reader r = parse(data, secrets, options);
      Pkcs12Identity identity = identity(r);
      return new Pkcs12.Inspected(identity, info(r));
    }
  }

  private static Pkcs12Identity identity(Reader r) {
    {
      KeyEntry key = select(r);
      PrivateKey privateKey;
      try {
        privateKey = decryptKey(r, key);
      } catch (SmimeException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new SmimeFormatException(
            FILE + " private key #" + key.index + ": cannot decrypt (malformed encrypted key)", e);
      }
      CertEntry cert = key.cert;
      if (cert != null
          && key.guessed
          && KeyMatch.certainlyDifferent(privateKey, cert.certificate)) {
        cert = null;
      }
      if (cert == null) {
        // no local key id or friendly name ties the key to a certificate: match public keys
        for (CertEntry c : r.certs) {
          if (KeyMatch.matches(privateKey, c.certificate)) {
            cert = c;
            break;
          }
        }
      }
      if (cert == null) {
        throw new IdentitySelectionException(
            FILE
                + ": private key #"
                + key.index
                + " has no matching certificate in the file (an identity needs both; inspect"
                + " lists what the file holds)",
            List.of(key.candidate()));
      }
      List<X509Certificate> chain = chain(cert, r.certs);
      byte[] id = key.localKeyId != null ? key.localKeyId : cert.localKeyId;
      return Pkcs12Identity.of(
          privateKey,
          cert.certificate,
          chain,
          key.alias(),
          id == null ? Optional.empty() : Optional.of(Bytes.copyOf(id)));
    }
  }

  /** Reads all certificates, in file order, without decrypting any private key. */
  public static List<X509Certificate> readCertificates(
      byte[] data, Password password, Pkcs12ReadOptions options) {
    try (Secrets secrets = new Secrets(password)) {
      Reader r = parse(data, secrets, options);
      List<X509Certificate> out = new ArrayList<>(r.certs.size());
      for (CertEntry c : r.certs) {
        out.add(c.certificate);
      }
      return List.copyOf(out);
    }
  }

  /** The protection and entries of a file, without decrypting any private key. */
  public static Pkcs12Info inspect(byte[] data, Password password, Pkcs12ReadOptions options) {
    try (Secrets secrets = new Secrets(password)) {
      return info(parse(data, secrets, options));
    }
  }

  private static Pkcs12Info info(Reader r) {
    List<Pkcs12Info.Certificate> certificates = new ArrayList<>();
    for (CertEntry c : r.certs) {
      certificates.add(
          new Pkcs12Info.Certificate(
              c.certificate,
              Optional.ofNullable(c.friendlyName),
              Optional.ofNullable(c.localKeyId).map(Bytes::copyOf),
              c.hasKey));
    }
    List<Pkcs12Info.Key> keys = new ArrayList<>();
    for (KeyEntry k : r.keys) {
      CertEntry c = k.cert;
      byte[] id = k.localKeyId != null ? k.localKeyId : c == null ? null : c.localKeyId;
      Optional<String> algorithm = Optional.empty();
      OptionalInt size = OptionalInt.empty();
      if (c != null) {
        algorithm = Optional.of(KeyDescriptions.keyAlgorithm(c.certificate));
        int bits = KeyDescriptions.keySize(c.certificate);
        size = bits > 0 ? OptionalInt.of(bits) : OptionalInt.empty();
      } else if (k.plain != null) {
        String oid = k.plain.getPrivateKeyAlgorithm().getAlgorithm().getId();
        algorithm = Optional.of(KEY_ALGORITHMS.getOrDefault(oid, oid));
      }
      keys.add(
          new Pkcs12Info.Key(
              k.index,
              k.alias(),
              id == null ? Optional.empty() : Optional.of(Bytes.copyOf(id)),
              algorithm,
              size,
              c == null ? Optional.empty() : Optional.of(c.certificate),
              c == null ? List.of() : chain(c, r.certs)));
    }
    return new Pkcs12Info(
        Optional.ofNullable(r.mac), r.encryptions, keys, certificates, r.warnings);
  }

  private static Reader parse(byte[] data, Secrets secrets, Pkcs12ReadOptions options) {
    long maxInput = options.limits().maxInputBytes();
    if (data.length > maxInput) {
      throw new SmimeFormatException(
          FILE + ": " + data.length + " bytes, over the limit of " + maxInput + " bytes");
    }
    checkLooksLikeDer(data);
    Reader r = new Reader(options, secrets);
    int end = Der.end(data, FILE);
    if (end < data.length) {
      int extra = data.length - end;
      if (options.strict()) {
        throw new SmimeFormatException(
            FILE
                + ": "
                + extra
                + " bytes after the end of the PFX structure at offset "
                + end
                + " (refused by the strict read option)",
            end);
      }
      r.warnings.add(
          extra + " bytes after the end of the PFX structure at offset " + end + " ignored");
      data = Arrays.copyOf(data, end);
    }
    try {
      r.check(data, FILE);
      Pfx pfx = Pfx.getInstance(ASN1Primitive.fromByteArray(data));
      ContentInfo authSafe = pfx.getAuthSafe();
      String type = authSafe.getContentType().getId();
      if (type.equals(SIGNED_DATA)) {
        throw new UnsupportedAlgorithmException(
            FILE + ": public-key integrity mode (signedData " + type + ") is not supported", type);
      }
      if (!type.equals(DATA)) {
        throw new SmimeFormatException(
            FILE + ": authenticated safe has content type " + type + ", expected data");
      }
      byte[] content = octets(authSafe.getContent(), FILE + " authenticated safe");
      if (pfx.getMacData() != null) {
        MacCheck.Parsed m = MacCheck.parse(pfx.getMacData(), options.maxIterations());
        r.mac = m.info;
        MacCheck.verify(m, content, secrets, r.budget);
      }
      r.check(content, FILE + " authenticated safe");
      r.countChildren(content, FILE + " authenticated safe", "content infos");
      ContentInfo[] infos =
          AuthenticatedSafe.getInstance(ASN1Primitive.fromByteArray(content)).getContentInfo();
      for (int i = 0; i < infos.length; i++) {
        r.countBag(FILE + " safe #" + i);
      }
      for (int i = 0; i < infos.length; i++) {
        safe(r, infos[i], i);
      }
    } catch (SmimeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new SmimeFormatException(
          FILE + ": malformed structure (not the ASN.1 layout of a PKCS#12 PFX)", e);
    }
    pair(r);
    return r;
  }

  private static void checkLooksLikeDer(byte[] data) {
    if (data.length == 0) {
      throw new SmimeFormatException(FILE + ": empty input", 0);
    }
    if (data[0] == '-'
        && data.length >= 10
        && new String(data, 0, 10, java.nio.charset.StandardCharsets.US_ASCII)
            .equals("-----BEGIN")) {
      throw new SmimeFormatException(
          FILE + ": not a PKCS#12 file: the input is PEM text ('-----BEGIN' at offset 0)", 0);
    }
    if (data[0] != 0x30) {
      throw new SmimeFormatException(
          FILE
              + ": not a PKCS#12 file: expected a DER sequence (0x30) at offset 0, found 0x"
              + HEX.toHexDigits(data[0]),
          0);
    }
  }

  private static byte[] octets(@Nullable ASN1Encodable content, String where) {
    if (!(content instanceof ASN1OctetString octets)) {
      throw new SmimeFormatException(where + ": content is not an octet string");
    }
    return octets.getOctets();
  }

  private static void safe(Reader r, ContentInfo info, int index) throws IOException {
    String where = FILE + " safe #" + index;
    String type = info.getContentType().getId();
    byte[] contents =
        switch (type) {
          case DATA -> octets(info.getContent(), where);
          case ENCRYPTED_DATA ->
              encryptedSafe(r, EncryptedData.getInstance(info.getContent()), index);
          case ENVELOPED_DATA ->
              throw new UnsupportedAlgorithmException(
                  where + ": public-key privacy mode (envelopedData " + type + ") is not supported",
                  type);
          default -> throw new SmimeFormatException(where + ": unknown content type " + type);
        };
    r.check(contents, where);
    r.countChildren(contents, where, "bags");
    safeContents(r, ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(contents)), where, 0);
  }

  private static byte[] encryptedSafe(Reader r, EncryptedData ed, int index) {
    String where = FILE + " safe #" + index;
    Pbe pbe =
        Pbe.parse(
            ed.getEncryptionAlgorithm(),
            r.options.maxIterations(),
            r.options.maxScryptMemory(),
            where);
    r.encryptions.add(
        new Pkcs12Info.Encryption(
            Pkcs12Info.Encryption.Target.SAFE,
            index,
            pbe.name(),
            pbe.oid(),
            pbe.iterations(),
            pbe.weak()));
    ASN1OctetString ct = ed.getContent();
    if (ct == null) {
      throw new SmimeFormatException(where + ": encrypted content is missing");
    }
    return decrypt(r, pbe, ct.getOctets(), where);
  }

  private static void safeContents(Reader r, ASN1Sequence seq, String where, int depth) {
    if (depth > MAX_NESTING) {
      throw new SmimeFormatException(where + ": safe contents nested deeper than " + MAX_NESTING);
    }
    for (int i = 0; i < seq.size(); i++) {
      String bagWhere = where + " bag #" + i;
      r.countBag(bagWhere);
      SafeBag bag = SafeBag.getInstance(seq.getObjectAt(i));
      bag(r, bag, bagWhere, depth);
    }
  }

  private static void bag(Reader r, SafeBag bag, String where, int depth) {
    String type = bag.getBagId().getId();
    @Nullable String friendlyName = null;
    byte @Nullable [] localKeyId = null;
    ASN1Set attributes = bag.getBagAttributes();
    if (attributes != null) {
      for (int i = 0; i < attributes.size(); i++) {
        Attribute a = Attribute.getInstance(attributes.getObjectAt(i));
        ASN1Set values = a.getAttrValues();
        if (values.size() == 0) {
          continue;
        }
        String attrType = a.getAttrType().getId();
        ASN1Encodable v = values.getObjectAt(0);
        if (attrType.equals(FRIENDLY_NAME) && v instanceof ASN1String str) {
          friendlyName = str.getString();
        } else if (attrType.equals(LOCAL_KEY_ID) && v instanceof ASN1OctetString octets) {
          localKeyId = octets.getOctets();
        }
      }
    }
    switch (type) {
      case KEY_BAG -> {
        PrivateKeyInfo pki = PrivateKeyInfo.getInstance(bag.getBagValue());
        int index = r.keys.size();
        r.encryptions.add(
            new Pkcs12Info.Encryption(
                Pkcs12Info.Encryption.Target.KEY, index, "none", "", 0, true));
        r.keys.add(new KeyEntry(index, friendlyName, localKeyId, pki, null, null));
      }
      case SHROUDED_KEY_BAG -> {
        EncryptedPrivateKeyInfo epki = EncryptedPrivateKeyInfo.getInstance(bag.getBagValue());
        Pbe pbe =
            Pbe.parse(
                epki.getEncryptionAlgorithm(),
                r.options.maxIterations(),
                r.options.maxScryptMemory(),
                where);
        int index = r.keys.size();
        r.encryptions.add(
            new Pkcs12Info.Encryption(
                Pkcs12Info.Encryption.Target.KEY,
                index,
                pbe.name(),
                pbe.oid(),
                pbe.iterations(),
                pbe.weak()));
        r.keys.add(new KeyEntry(index, friendlyName, localKeyId, null, epki, pbe));
      }
      case CERT_BAG -> {
        CertBag cb = CertBag.getInstance(bag.getBagValue());
        if (cb.getCertId().getId().equals(X509_CERTIFICATE)) { // SDSI certificates are skipped
          byte[] der = octets(cb.getCertValue(), where);
          if (r.certs.size() >= r.options.limits().maxCertificates()) {
            throw new SmimeFormatException(
                where
                    + ": more than "
                    + r.options.limits().maxCertificates()
                    + " certificates (limit)");
          }
          r.certs.add(
              new CertEntry(certificate(r, der, where), friendlyName, localKeyId, sha1(der)));
        }
      }
      case SAFE_CONTENTS_BAG ->
          safeContents(r, ASN1Sequence.getInstance(bag.getBagValue()), where, depth + 1);
      default -> {
        // CRL and secret bags and unknown bag types carry nothing an identity needs
      }
    }
  }

  private static X509Certificate certificate(Reader r, byte[] der, String where) {
    return r.decoder.decode(der, 0, der.length, where, -1);
  }

  static Thumbprint sha1(byte[] der) {
    return Thumbprint.sha1(Bytes.copyOf(der));
  }

  /**
   * Decrypts, trying the password encodings the scheme allows; a result counts only if it is
   * well-formed DER, so a padding check that passes by chance does not select a wrong encoding.
   */
  private static byte[] decrypt(Reader r, Pbe pbe, byte[] ciphertext, String where) {
    if (pbe.family() == Pbe.Family.PKCS12) {
      for (int index : r.secrets.bmpOrder()) {
        byte[] plain = tryDecrypt(r, pbe, r.secrets.bmp(index), ciphertext, where);
        if (plain != null) {
          r.secrets.preferBmp(index);
          return plain;
        }
      }
    } else {
      byte[] plain = tryDecrypt(r, pbe, r.secrets.utf8(), ciphertext, where);
      if (plain != null) {
        return plain;
      }
    }
    throw new WrongPasswordException(FILE);
  }

  private static byte @Nullable [] tryDecrypt(
      Reader r, Pbe pbe, byte[] password, byte[] ciphertext, String where) {
    r.budget.spend(pbe.work());
    byte[] plain;
    try {
      plain = pbe.decrypt(password, ciphertext);
    } catch (GeneralSecurityException e) {
      return null;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new SmimeFormatException(where + ": cannot decrypt (malformed encrypted content)", e);
    }
    try {
      r.check(plain, where);
      return plain;
    } catch (SmimeFormatException e) {
      Arrays.fill(plain, (byte) 0);
      return null;
    }
  }

  /** Pairs keys with certificates: local key id, then friendly name, then the lone leaf. */
  private static void pair(Reader r) {
    for (KeyEntry k : r.keys) {
      byte[] id = k.localKeyId;
      if (id != null) {
        for (CertEntry c : r.certs) {
          if (c.localKeyId != null && Arrays.equals(id, c.localKeyId)) {
            k.cert = c;
            break;
          }
        }
      }
      if (k.cert == null && k.friendlyName != null) {
        for (CertEntry c : r.certs) {
          if (k.friendlyName.equals(c.friendlyName)) {
            k.cert = c;
            break;
          }
        }
      }
    }
    if (r.keys.size() == 1 && r.keys.get(0).cert == null) {
      List<CertEntry> leaves = new ArrayList<>();
      for (CertEntry c : r.certs) {
        if (!issuesAnother(c, r.certs)) {
          leaves.add(c);
        }
      }
      if (leaves.size() == 1) {
        r.keys.get(0).cert = leaves.get(0);
        r.keys.get(0).guessed = true;
      }
    }
    for (KeyEntry k : r.keys) {
      if (k.cert != null) {
        k.cert.hasKey = true;
      }
    }
  }

  private static boolean issuesAnother(CertEntry c, List<CertEntry> all) {
    for (CertEntry o : all) {
      if (o != c
          && !o.certificate.getSubjectX500Principal().equals(o.certificate.getIssuerX500Principal())
          && o.certificate
              .getIssuerX500Principal()
              .equals(c.certificate.getSubjectX500Principal())) {
        return true;
      }
    }
    return false;
  }

  private static KeyEntry select(Reader r) {
    List<Candidate> candidates = new ArrayList<>();
    for (KeyEntry k : r.keys) {
      candidates.add(k.candidate());
    }
    Optional<Thumbprint> thumbprint = r.options.thumbprint();
    if (thumbprint.isPresent()) {
      for (KeyEntry k : r.keys) {
        if (k.cert != null && thumbprint.get().matches(k.cert.certificate)) {
          return k;
        }
      }
      throw new IdentitySelectionException(
          FILE + ": no private key whose certificate has thumbprint " + thumbprint.get(),
          candidates);
    }
    Optional<String> alias = r.options.alias();
    if (alias.isPresent()) {
      for (KeyEntry k : r.keys) {
        if (k.alias().filter(alias.get()::equals).isPresent()) {
          return k;
        }
      }
      for (KeyEntry k : r.keys) {
        if (k.alias().filter(alias.get()::equalsIgnoreCase).isPresent()) {
          return k;
        }
      }
      throw new IdentitySelectionException(
          FILE + ": no private key with alias '" + alias.get() + "'", candidates);
    }
    if (r.keys.isEmpty()) {
      throw new IdentitySelectionException(
          FILE
              + ": the file holds no private key ("
              + r.certs.size()
              + " certificates); use readCertificatesOnly",
          candidates);
    }
    if (r.keys.size() > 1) {
      throw new IdentitySelectionException(
          FILE
              + ": the file holds "
              + r.keys.size()
              + " private keys; choose one by alias or thumbprint",
          candidates);
    }
    return r.keys.get(0);
  }

  private static PrivateKey decryptKey(Reader r, KeyEntry k) {
    String where = FILE + " private key #" + k.index;
    PrivateKeyInfo pki = k.plain;
    if (pki == null) {
      EncryptedPrivateKeyInfo epki = k.encrypted;
      Pbe pbe = k.pbe;
      if (epki == null || pbe == null) {
        throw new IllegalStateException("key entry without key");
      }
      byte[] plain = decrypt(r, pbe, epki.getEncryptedData(), where);
      try {
        pki = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(plain));
      } catch (IOException | RuntimeException e) {
        throw new SmimeFormatException(where + ": decrypted key is not a pkcs#8 key", e);
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
    }
    return privateKey(pki, where);
  }

  private static PrivateKey privateKey(PrivateKeyInfo pki, String where) {
    String oid = pki.getPrivateKeyAlgorithm().getAlgorithm().getId();
    byte[] encoded;
    try {
      encoded = pki.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new SmimeFormatException(where + ": cannot encode the key", e);
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(encoded);
    try {
      Nesting.check(encoded, 0, encoded.length, Nesting.MAX_DEPTH, where, -1);
      String jdkName = KEY_ALGORITHMS.get(oid);
      PrivateKey jdkKey = jdkName == null ? null : jdkPrivateKey(jdkName, spec);
      return jdkKey != null
          ? jdkKey
          : KeyFactory.getInstance(oid, Providers.bc()).generatePrivate(spec);
    } catch (NoSuchAlgorithmException e) {
      throw new UnsupportedAlgorithmException(where + ": unsupported key algorithm " + oid, oid, e);
    } catch (InvalidKeySpecException e) {
      throw new SmimeFormatException(where + ": malformed " + oid + " key", e);
    } finally {
      Arrays.fill(encoded, (byte) 0);
    }
  }

  /** The JDK's key, or null when the JDK cannot decode it (e.g. brainpool curves). */
  private static @Nullable PrivateKey jdkPrivateKey(String jdkName, PKCS8EncodedKeySpec spec) {
    try {
      return KeyFactory.getInstance(jdkName).generatePrivate(spec);
    } catch (GeneralSecurityException e) {
      return null;
    }
  }

  /** The issuers of {@code leaf} among {@code all}, leaf-up. */
  private static List<X509Certificate> chain(CertEntry leaf, List<CertEntry> all) {
    List<X509Certificate> chain = new ArrayList<>();
    X509Certificate current = leaf.certificate;
    List<CertEntry> left = new ArrayList<>(all);
    left.remove(leaf);
    while (!current.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
      X509Certificate issuer = null;
      for (CertEntry c : left) {
        if (c.certificate.getSubjectX500Principal().equals(current.getIssuerX500Principal())
            && !c.certificate.equals(current)) {
          issuer = c.certificate;
          left.remove(c);
          break;
        }
      }
      if (issuer == null) {
        break;
      }
      chain.add(issuer);
      current = issuer;
    }
    return chain;
  }
}
