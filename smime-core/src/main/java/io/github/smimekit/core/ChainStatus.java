package io.github.smimekit.core;

/**
 * Why a {@link ChainResolver} could not build a valid chain of trust for a certificate. Each value
 * comes with a human sentence in {@link ChainDiagnosis#reason()} naming the certificate (subject
 * and SHA-1 thumbprint) where the chain broke.
 */
public enum ChainStatus {
  /**
   * No certificate on offer (anchors or pool) has a subject name equal to a certificate's issuer
   * name. The sentence names the issuer name and authority key identifier looked for, and the AIA
   * caIssuers URL when the certificate has one.
   */
  ISSUER_NOT_FOUND,
  /** A certificate's signature does not verify under the public key of any candidate issuer. */
  BAD_SIGNATURE,
  /** The validation time is after a certificate's notAfter. */
  EXPIRED,
  /** The validation time is before a certificate's notBefore. */
  NOT_YET_VALID,
  /** A certificate used as an issuer lacks basicConstraints or has {@code cA=FALSE}. */
  NOT_A_CA,
  /**
   * A CA's pathLenConstraint allows fewer intermediate certificates than the chain has below it.
   */
  PATH_LENGTH_EXCEEDED,
  /**
   * A keyUsage does not fit the certificate's role: an issuer without keyCertSign (or, under the
   * strict profile, an end-entity certificate with keyCertSign but {@code cA=FALSE}).
   */
  KEY_USAGE,
  /** The leaf's extendedKeyUsage does not allow a purpose the caller requires, or is malformed. */
  EXTENDED_KEY_USAGE,
  /** A name in the chain violates, or cannot be checked against, a CA's nameConstraints. */
  NAME_CONSTRAINTS,
  /** A certificate on the chain has a critical extension this resolver does not process. */
  UNKNOWN_CRITICAL_EXTENSION,
  /**
   * A signature algorithm is refused by policy: MD2/MD5 always; SHA-1 and DSA when the resolver is
   * configured to refuse them; an algorithm the platform cannot verify.
   */
  DISALLOWED_ALGORITHM,
  /** The chain ends in a self-signed certificate that is not one of the trust anchors. */
  UNTRUSTED_ROOT,
  /**
   * Issuer candidates exist, but every route loops back on itself or ends without reaching an
   * anchor.
   */
  NO_PATH,
  /**
   * The search hit its budget (candidates tried or chain depth) before finding a chain. Raise the
   * budget only for pools you trust.
   */
  BUDGET_EXCEEDED,
  /**
   * A certificate breaks a certificate-profile rule the resolver was asked to enforce (for example
   * a CA whose basicConstraints is not critical, under the strict profile).
   */
  PROFILE,
  /** A certificate on the chain has an extension that cannot be decoded. */
  MALFORMED_CERTIFICATE
}
