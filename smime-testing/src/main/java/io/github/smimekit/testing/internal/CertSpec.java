package io.github.smimekit.testing.internal;

import io.github.smimekit.testing.KeyUsageBit;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Everything the certificate maker needs, with every default already resolved. */
@SuppressWarnings("NullAway.Init")
public final class CertSpec {
  /** A raw extension. */
  public static final class RawExtension {
    final String oid;
    final boolean critical;
    final byte[] value;

    /** An extension with OID {@code oid} and DER {@code value}. */
    public RawExtension(String oid, boolean critical, byte[] value) {
      this.oid = oid;
      this.critical = critical;
      this.value = value.clone();
    }

    /** The OID. */
    public String oid() {
      return oid;
    }
  }

  /** Subject as an RFC 4514 string (used when {@link #subjectDer} is null). */
  public @Nullable String subject;

  /** Subject as exact DER (cross-signs and renewals). */
  public byte @Nullable [] subjectDer;

  /** Appended emailAddress attribute, or null. */
  public @Nullable String subjectEmail;

  /** Issuer certificate; null for self-signed. */
  public @Nullable X509Certificate issuerCertificate;

  /** Issuer key; null for self-signed (the subject key signs). */
  public @Nullable KeyHolder issuerKey;

  /** Subject key. */
  public KeyHolder key;

  /** Serial number. */
  public BigInteger serial;

  /** Validity. */
  public Instant notBefore;

  /** Validity. */
  public Instant notAfter;

  /** Template whose extensions listed in {@link #inherit} are copied. */
  public @Nullable X509Certificate template;

  /** OIDs inherited from the template (standard extensions), plus "other" for the rest. */
  public Set<String> inherit = new HashSet<>();

  /** basicConstraints: null = absent. */
  public @Nullable Boolean ca;

  /** pathLenConstraint, or null. */
  public @Nullable Integer pathLength;

  /** Key usage bits, null = absent. */
  public @Nullable Set<KeyUsageBit> keyUsage;

  /** EKU OIDs, null = absent. */
  public @Nullable List<String> extendedKeyUsage;

  /** rfc822Name SAN values, null or empty = absent. */
  public @Nullable List<String> emails;

  /** Name constraints (null = absent extension). */
  public @Nullable List<String> permitted;

  /** Name constraints excluded subtrees. */
  public @Nullable List<String> excluded;

  /** Subject key identifier present. */
  public boolean subjectKeyIdentifier = true;

  /** Authority key identifier present. */
  public boolean authorityKeyIdentifier = true;

  /** Custom AKI key id, or null. */
  public byte @Nullable [] authorityKeyId;

  /** Extra extensions (replace standard ones with the same OID). */
  public List<RawExtension> extensions = new ArrayList<>();

  /** Signature algorithm name. */
  public String signatureAlgorithm;

  /** Label for the deterministic PSS salt stream. */
  public String label = "";

  /** Seed for the deterministic PSS salt stream. */
  public long seed;
}
