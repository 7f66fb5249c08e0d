package io.github.smimekit.core.internal.chain;

import io.github.smimekit.core.AlgorithmPolicy;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.core.internal.AlgorithmRules;
import io.github.smimekit.core.internal.cert.KeyDescriptions;
import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.jspecify.annotations.Nullable;

/**
 * One certificate with everything chain building needs, decoded once. Instances for anchors and
 * pool certificates are built when the resolver is built and shared between threads; instances for
 * leaves live for one resolution. Every field is final.
 */
final class CertInfo {
  /** Extensions whose criticality this resolver honours (it processes or safely ignores them). */
  static final Set<String> KNOWN_EXTENSIONS =
      Set.of(
          "2.5.29.14", // subjectKeyIdentifier
          "2.5.29.15", // keyUsage
          "2.5.29.17", // subjectAltName
          "2.5.29.18", // issuerAltName
          "2.5.29.19", // basicConstraints
          "2.5.29.30", // nameConstraints
          "2.5.29.32", // certificatePolicies (any policy acceptable)
          "2.5.29.33", // policyMappings
          "2.5.29.35", // authorityKeyIdentifier
          "2.5.29.36", // policyConstraints
          "2.5.29.37", // extKeyUsage
          "2.5.29.54", // inhibitAnyPolicy
          "2.5.29.31", // cRLDistributionPoints (no revocation checking)
          "2.5.29.46", // freshestCRL
          "1.3.6.1.5.5.7.1.1", // authorityInfoAccess
          "1.3.6.1.5.5.7.1.11"); // subjectInfoAccess

  final X509Certificate cert;
  final X500Principal subject;
  final X500Principal issuer;

  /** 0 = not yet known, 1 = self-issued, 2 = not; computed on first use (a benign race). */
  private byte selfIssued;

  final Instant notBefore;

  /** Whether this is one of the resolver's trust anchors. */
  final boolean anchor;

  /** Whether this belongs to the resolver (anchor or pool), not to one resolution. */
  final boolean shared;

  private volatile @Nullable D details;

  private volatile @Nullable KeyVerdict keyVerdict;

  /** The key's encoding, made on first use: only loop detection compares keys. */
  private volatile byte @Nullable [] keyEncoded;

  /**
   * What the algorithm policy says about verifying signatures with this certificate's key.
   *
   * @param problem why the key is refused, a lower-case fragment; null when accepted
   * @param cost the cost of one verification in work units (at least 1)
   */
  record KeyVerdict(@Nullable String problem, int cost) {}

  private CertInfo(X509Certificate cert, boolean anchor, boolean shared) {
    this.cert = cert;
    this.subject = cert.getSubjectX500Principal();
    this.issuer = cert.getIssuerX500Principal();
    this.notBefore = cert.getNotBefore().toInstant();
    this.anchor = anchor;
    this.shared = shared;
  }

  /**
   * Whether subject and issuer name are equal (RFC 5280 name comparison). Computed on first use:
   * comparing canonical names costs more than indexing a large pool, and most pool certificates are
   * never asked. Equal encodings decide without canonicalizing.
   */
  boolean selfIssued() {
    byte v = selfIssued;
    if (v == 0) {
      boolean same =
          Arrays.equals(subject.getEncoded(), issuer.getEncoded()) || subject.equals(issuer);
      v = same ? (byte) 1 : (byte) 2;
      selfIssued = v;
    }
    return v == 1;
  }

  /** The decoded details; computed once (a benign race may compute them twice). */
  D d() {
    D v = details;
    if (v == null) {
      v = new D(cert);
      details = v;
    }
    return v;
  }

  String sha1() {
    return d().sha1;
  }

  @Nullable String ski() {
    return d().ski;
  }

  @Nullable String aki() {
    return d().aki;
  }

  /** The public key; null when it cannot be decoded (see {@link #keyVerdict}). */
  @Nullable PublicKey key() {
    return d().key;
  }

  /** The policy's verdict on this certificate's key; computed once per resolver (one policy). */
  KeyVerdict keyVerdict(AlgorithmPolicy policy) {
    KeyVerdict v = keyVerdict;
    if (v == null) {
      PublicKey k = key();
      v =
          k == null
              ? new KeyVerdict("a public key that cannot be decoded", 1)
              : new KeyVerdict(
                  AlgorithmRules.keyProblem(k, policy), AlgorithmRules.verificationCost(k));
      keyVerdict = v;
    }
    return v;
  }

  /**
   * Whether the key is a DSA key whose domain parameters are absent from its certificate, to be
   * inherited from its issuer (RFC 3279 section 2.3.2, RFC 5280 section 6.1.4 (f)).
   */
  boolean dsaWithoutParameters() {
    return key() instanceof java.security.interfaces.DSAPublicKey k && k.getParams() == null;
  }

  /** The key's algorithm name for messages. */
  String keyAlgorithm() {
    PublicKey k = key();
    return k == null ? "undecodable" : k.getAlgorithm();
  }

  Instant notAfter() {
    return d().notAfter;
  }

  int pathLen() {
    return d().pathLen;
  }

  boolean hasBasicConstraints() {
    return d().hasBasicConstraints;
  }

  boolean basicConstraintsCritical() {
    return d().basicConstraintsCritical;
  }

  boolean @Nullable [] keyUsage() {
    return d().keyUsage;
  }

  List<String> unknownCritical() {
    return d().unknownCritical;
  }

  List<String> caIssuerUrls() {
    return d().caIssuerUrls;
  }

  @Nullable NameConstraints nameConstraints() {
    return d().nameConstraints;
  }

  @Nullable String malformed() {
    return d().malformed;
  }

  /** Everything else, decoded on first use (pool indexing needs only names and dates). */
  static final class D {
    final String sha1;
    final @Nullable String ski;
    final @Nullable String aki;
    final @Nullable PublicKey key;
    final Instant notAfter;

    /** -1: not a CA; else the pathLenConstraint, Integer.MAX_VALUE when unlimited. */
    final int pathLen;

    final boolean hasBasicConstraints;
    final boolean basicConstraintsCritical;
    final boolean @Nullable [] keyUsage;
    final List<String> unknownCritical;
    final List<String> caIssuerUrls;
    final @Nullable NameConstraints nameConstraints;

    /** Set when an extension this resolver relies on cannot be decoded. */
    final @Nullable String malformed;

    D(X509Certificate cert) {
      this.sha1 = sha1(cert);
      PublicKey pk;
      try {
        pk = cert.getPublicKey();
      } catch (RuntimeException e) {
        pk = null; // a certificate another parser admitted; refused as a key, never thrown
      }
      this.key = pk;
      this.notAfter = cert.getNotAfter().toInstant();
      this.keyUsage = cert.getKeyUsage();
      Set<String> crit = cert.getCriticalExtensionOIDs();
      List<String> unknown = new ArrayList<>();
      if (crit != null) {
        for (String oid : crit) {
          if (!KNOWN_EXTENSIONS.contains(oid)) {
            unknown.add(oid);
          }
        }
      }
      unknown.sort(null);
      this.unknownCritical = List.copyOf(unknown);
      this.basicConstraintsCritical = crit != null && crit.contains("2.5.29.19");

      String bad = null;
      String skiValue = null;
      String akiValue = null;
      List<String> urls = new ArrayList<>();
      NameConstraints nc = null;
      boolean hasBc = false;
      int pl = -1;
      try {
        byte[] v = cert.getExtensionValue("2.5.29.19");
        if (v != null) {
          hasBc = true;
          BasicConstraints bc = BasicConstraints.getInstance(unwrap(v));
          BigInteger limit = bc.getPathLenConstraint();
          if (limit != null && limit.signum() < 0) {
            bad = "basicConstraints has a negative pathLenConstraint " + limit;
          } else if (bc.isCA()) {
            pl = limit == null ? Integer.MAX_VALUE : intValue(bc);
          }
        }
      } catch (RuntimeException e) {
        bad = "basicConstraints cannot be decoded";
      }
      try {
        byte[] v = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (v != null) {
          skiValue = hex(SubjectKeyIdentifier.getInstance(unwrap(v)).getKeyIdentifier());
        }
      } catch (RuntimeException e) {
        // a malformed SKI only loses a hint; matching falls back to names and signatures
        skiValue = null;
      }
      try {
        byte[] v = cert.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (v != null) {
          byte[] id = AuthorityKeyIdentifier.getInstance(unwrap(v)).getKeyIdentifierOctets();
          akiValue = id == null ? null : hex(id);
        }
      } catch (RuntimeException e) {
        akiValue = null;
      }
      try {
        byte[] v = cert.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (v != null) {
          for (AccessDescription ad :
              AuthorityInformationAccess.getInstance(unwrap(v)).getAccessDescriptions()) {
            if (ad.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)
                && ad.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
              urls.add(ad.getAccessLocation().getName().toString());
            }
          }
        }
      } catch (RuntimeException e) {
        urls.clear();
      }
      try {
        byte[] v = cert.getExtensionValue(Extension.extendedKeyUsage.getId());
        if (v != null && ASN1Sequence.getInstance(unwrap(v)).size() == 0 && bad == null) {
          bad = "extendedKeyUsage is an empty sequence (RFC 5280 section 4.2.1.12: SIZE (1..MAX))";
        }
      } catch (RuntimeException e) {
        // an undecodable extendedKeyUsage matters only when a purpose is required (ekuProblem)
      }
      try {
        byte[] v = cert.getExtensionValue(Extension.nameConstraints.getId());
        if (v != null) {
          nc = NameConstraints.getInstance(unwrap(v));
        }
      } catch (RuntimeException e) {
        bad = "nameConstraints cannot be decoded";
      }
      this.ski = skiValue;
      this.aki = akiValue;
      this.caIssuerUrls = List.copyOf(urls);
      this.nameConstraints = nc;
      this.hasBasicConstraints = hasBc;
      this.pathLen = pl;
      this.malformed = bad;
    }
  }

  /** A certificate of one resolution (a leaf). */
  static CertInfo of(X509Certificate cert) {
    return new CertInfo(cert, false, false);
  }

  /** A certificate of the resolver: an anchor or a pool certificate. */
  static CertInfo shared(X509Certificate cert, boolean anchor) {
    return new CertInfo(cert, anchor, true);
  }

  private static int intValue(BasicConstraints bc) {
    BigInteger p = bc.getPathLenConstraint();
    return p.bitLength() > 30 ? Integer.MAX_VALUE : p.intValue();
  }

  /** The DER inside an extension's OCTET STRING; IllegalArgumentException when malformed. */
  static ASN1Primitive unwrap(byte[] extensionValue) {
    try {
      return ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extensionValue).getOctets());
    } catch (IOException e) {
      throw new IllegalArgumentException("bad extension encoding", e);
    }
  }

  boolean isCa() {
    return pathLen() >= 0;
  }

  boolean sameKey(CertInfo other) {
    return Arrays.equals(keyEncoded(), other.keyEncoded());
  }

  /** The public key's encoding; empty when the key cannot be decoded (a benign race). */
  private byte[] keyEncoded() {
    byte[] v = keyEncoded;
    if (v == null) {
      PublicKey k = key();
      byte[] e = k == null ? null : k.getEncoded();
      v = e == null ? new byte[0] : e;
      keyEncoded = v;
    }
    return v;
  }

  /** The subject alternative names, decoded; empty when absent. */
  List<GeneralName> subjectAltNames() {
    byte[] v = cert.getExtensionValue(Extension.subjectAlternativeName.getId());
    if (v == null) {
      return List.of();
    }
    return Arrays.asList(GeneralNames.getInstance(unwrap(v)).getNames());
  }

  /** The subject as a Bouncy Castle name, for name-constraint checks. */
  X500Name subjectName() {
    return X500Name.getInstance(subject.getEncoded());
  }

  /** The signature algorithm name and OID, for messages and policy. */
  String sigAlgName() {
    return cert.getSigAlgName();
  }

  String sigAlgOid() {
    return cert.getSigAlgOID();
  }

  /** "'CN=x,O=y' (SHA-1 ABCD…)" */
  String describe() {
    return "'" + name(subject) + "' (SHA-1 " + sha1() + ")";
  }

  /** An RFC 2253 rendering of a name, with E= for emailAddress as Windows shows it. */
  static String name(X500Principal p) {
    return KeyDescriptions.displayName(p);
  }

  static String sha1(X509Certificate cert) {
    return Thumbprint.sha1(cert).hex();
  }

  static String hex(byte[] b) {
    return HexFormat.of().withUpperCase().formatHex(b);
  }

  /** Whether the leaf's extendedKeyUsage allows one of the OIDs; an error text otherwise. */
  @Nullable String ekuProblem(Set<String> required) {
    if (required.isEmpty()) {
      return null;
    }
    List<String> eku;
    try {
      eku = cert.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      return "its extendedKeyUsage cannot be decoded";
    }
    if (eku == null) {
      return null;
    }
    if (eku.isEmpty()) {
      return "its extendedKeyUsage is empty";
    }
    if (eku.contains("2.5.29.37.0")) {
      return null;
    }
    for (String oid : required) {
      if (eku.contains(oid)) {
        return null;
      }
    }
    return "its extendedKeyUsage "
        + eku
        + " allows none of the required purposes "
        + required.stream().sorted().toList();
  }
}
