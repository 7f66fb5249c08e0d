package io.github.smimekit.sst;

import java.util.Optional;

/**
 * The property ids defined by {@code wincrypt.h} ({@code CERT_..._PROP_ID}), with the layout of
 * their values (spec section 3). Ids not listed here, including the user ids 0x8000 to 0xFFFF, are
 * kept as opaque values by {@link StoreProperty}.
 */
public enum PropertyId {
  /** 1: a key provider handle; a key link (see {@link #isKeyLink(long)}). */
  KEY_PROV_HANDLE(1, ValueKind.BLOB),
  /**
   * 2: serialized CRYPT_KEY_PROV_INFO (offsets instead of pointers): the key container and provider
   * names of the certificate's private key; a key link, kept opaque (see {@link #isKeyLink(long)}).
   */
  KEY_PROV_INFO(2, ValueKind.BLOB),
  /** 3: SHA-1 of the context's DER (the thumbprint). */
  SHA1_HASH(3, ValueKind.HASH),
  /** 4: MD5 of the context's DER. */
  MD5_HASH(4, ValueKind.HASH),
  /** 5: a key context; a key link (see {@link #isKeyLink(long)}). */
  KEY_CONTEXT(5, ValueKind.BLOB),
  /** 6: key spec, u32; a key link (see {@link #isKeyLink(long)}). */
  KEY_SPEC(6, ValueKind.U32),
  /** 7: reserved. */
  IE30_RESERVED(7, ValueKind.BLOB),
  /** 8: reserved. */
  PUBKEY_HASH_RESERVED(8, ValueKind.BLOB),
  /** 9: enhanced key usage restriction, DER SEQUENCE OF OBJECT IDENTIFIER. */
  ENHKEY_USAGE(9, ValueKind.OIDS),
  /** 10: next update location. */
  NEXT_UPDATE_LOCATION(10, ValueKind.BLOB),
  /** 11: friendly name, UTF-16LE with a terminating NUL. */
  FRIENDLY_NAME(11, ValueKind.UTF16),
  /** 12: PVK file path, UTF-16LE with NUL. */
  PVK_FILE(12, ValueKind.UTF16),
  /** 13: description, UTF-16LE with NUL. */
  DESCRIPTION(13, ValueKind.UTF16),
  /** 14: access state, u32 (computed, not expected in files). */
  ACCESS_STATE(14, ValueKind.U32),
  /** 15: hash of the tbsCertificate (observed: SHA-1). */
  SIGNATURE_HASH(15, ValueKind.HASH),
  /** 16: smart card data. */
  SMART_CARD_DATA(16, ValueKind.BLOB),
  /** 17: EFS. */
  EFS(17, ValueKind.BLOB),
  /** 18: Fortezza data. */
  FORTEZZA_DATA(18, ValueKind.BLOB),
  /** 19: archived flag (empty value). */
  ARCHIVED(19, ValueKind.BLOB),
  /** 20: key identifier (usually the subject key identifier). */
  KEY_IDENTIFIER(20, ValueKind.BLOB),
  /** 21: auto-enrol template name, UTF-16LE with NUL. */
  AUTO_ENROLL(21, ValueKind.UTF16),
  /** 22: public key algorithm parameters. */
  PUBKEY_ALG_PARA(22, ValueKind.BLOB),
  /** 23: cross certificate distribution points. */
  CROSS_CERT_DIST_POINTS(23, ValueKind.BLOB),
  /** 24: MD5 of the issuer's public key. */
  ISSUER_PUBLIC_KEY_MD5_HASH(24, ValueKind.HASH),
  /** 25: MD5 of the subject public key bits. */
  SUBJECT_PUBLIC_KEY_MD5_HASH(25, ValueKind.HASH),
  /** 26: enrollment. */
  ENROLLMENT(26, ValueKind.BLOB),
  /** 27: date stamp, FILETIME. */
  DATE_STAMP(27, ValueKind.FILETIME),
  /** 28: MD5 of issuer and serial number. */
  ISSUER_SERIAL_NUMBER_MD5_HASH(28, ValueKind.HASH),
  /** 29: MD5 of the subject name DER. */
  SUBJECT_NAME_MD5_HASH(29, ValueKind.HASH),
  /** 30: extended error info. */
  EXTENDED_ERROR_INFO(30, ValueKind.BLOB),
  /** 64. */
  RENEWAL(64, ValueKind.BLOB),
  /** 65. */
  ARCHIVED_KEY_HASH(65, ValueKind.BLOB),
  /** 66. */
  AUTO_ENROLL_RETRY(66, ValueKind.BLOB),
  /** 67. */
  AIA_URL_RETRIEVED(67, ValueKind.BLOB),
  /** 68. */
  AUTHORITY_INFO_ACCESS(68, ValueKind.BLOB),
  /** 69. */
  BACKED_UP(69, ValueKind.BLOB),
  /** 70. */
  OCSP_RESPONSE(70, ValueKind.BLOB),
  /** 71. */
  REQUEST_ORIGINATOR(71, ValueKind.UTF16),
  /** 72. */
  SOURCE_LOCATION(72, ValueKind.UTF16),
  /** 73. */
  SOURCE_URL(73, ValueKind.UTF16),
  /** 74. */
  NEW_KEY(74, ValueKind.BLOB),
  /** 75. */
  OCSP_CACHE_PREFIX(75, ValueKind.UTF16),
  /** 76. */
  SMART_CARD_ROOT_INFO(76, ValueKind.BLOB),
  /** 77. */
  NO_AUTO_EXPIRE_CHECK(77, ValueKind.BLOB),
  /** 78: a key handle; never written by smimekit. */
  NCRYPT_KEY_HANDLE(78, ValueKind.BLOB),
  /** 79: a key handle; never written by smimekit. */
  HCRYPTPROV_OR_NCRYPT_KEY_HANDLE(79, ValueKind.BLOB),
  /** 80. */
  SUBJECT_INFO_ACCESS(80, ValueKind.BLOB),
  /** 81. */
  CA_OCSP_AUTHORITY_INFO_ACCESS(81, ValueKind.BLOB),
  /** 82. */
  CA_DISABLE_CRL(82, ValueKind.BLOB),
  /** 83: root program certificate policies (DER). */
  ROOT_PROGRAM_CERT_POLICIES(83, ValueKind.BLOB),
  /** 84. */
  ROOT_PROGRAM_NAME_CONSTRAINTS(84, ValueKind.BLOB),
  /** 85. */
  SUBJECT_OCSP_AUTHORITY_INFO_ACCESS(85, ValueKind.BLOB),
  /** 86. */
  SUBJECT_DISABLE_CRL(86, ValueKind.BLOB),
  /** 87. */
  CEP(87, ValueKind.BLOB),
  /** 89: signature hash CNG algorithm, UTF-16LE with NUL (e.g. "RSA/SHA256"). */
  SIGN_HASH_CNG_ALG(89, ValueKind.UTF16),
  /** 90. */
  SCARD_PIN_ID(90, ValueKind.BLOB),
  /** 91. */
  SCARD_PIN_INFO(91, ValueKind.BLOB),
  /** 92: subject public key bit length, u32. */
  SUBJECT_PUB_KEY_BIT_LENGTH(92, ValueKind.U32),
  /** 93. */
  PUB_KEY_CNG_ALG_BIT_LENGTH(93, ValueKind.U32),
  /** 94. */
  ISSUER_PUB_KEY_BIT_LENGTH(94, ValueKind.U32),
  /** 95. */
  ISSUER_CHAIN_SIGN_HASH_CNG_ALG(95, ValueKind.UTF16),
  /** 96. */
  ISSUER_CHAIN_PUB_KEY_CNG_ALG_BIT_LENGTH(96, ValueKind.U32),
  /** 97. */
  NO_EXPIRE_NOTIFICATION(97, ValueKind.BLOB),
  /** 98: SHA-256 of the certificate (root program). */
  AUTH_ROOT_SHA256_HASH(98, ValueKind.HASH),
  /** 99: a key handle; never written by smimekit. */
  NCRYPT_KEY_HANDLE_TRANSFER(99, ValueKind.BLOB),
  /** 100: a key handle; never written by smimekit. */
  HCRYPTPROV_TRANSFER(100, ValueKind.BLOB),
  /** 101. */
  SMART_CARD_READER(101, ValueKind.BLOB),
  /** 102. */
  SEND_AS_TRUSTED_ISSUER(102, ValueKind.BLOB),
  /** 103. */
  KEY_REPAIR_ATTEMPTED(103, ValueKind.BLOB),
  /** 104: disallowed since, FILETIME or empty. */
  DISALLOWED_FILETIME(104, ValueKind.FILETIME),
  /** 105: root program chain policies (DER). */
  ROOT_PROGRAM_CHAIN_POLICIES(105, ValueKind.BLOB),
  /** 106. */
  SMART_CARD_READER_NON_REMOVABLE(106, ValueKind.BLOB),
  /** 107: SHA-256 of the certificate DER. */
  SHA256_HASH(107, ValueKind.HASH),
  /** 108. */
  SCEP_SERVER_CERTS(108, ValueKind.BLOB),
  /** 109. */
  SCEP_RA_SIGNATURE_CERT(109, ValueKind.BLOB),
  /** 110. */
  SCEP_RA_ENCRYPTION_CERT(110, ValueKind.BLOB),
  /** 111. */
  SCEP_CA_CERT(111, ValueKind.BLOB),
  /** 112. */
  SCEP_SIGNER_CERT(112, ValueKind.BLOB),
  /** 113. */
  SCEP_NONCE(113, ValueKind.BLOB),
  /** 114. */
  SCEP_ENCRYPT_HASH_CNG_ALG(114, ValueKind.BLOB),
  /** 115. */
  SCEP_FLAGS(115, ValueKind.U32),
  /** 116. */
  SCEP_GUID(116, ValueKind.BLOB),
  /** 117. */
  SERIALIZABLE_KEY_CONTEXT(117, ValueKind.BLOB),
  /** 118. */
  ISOLATED_KEY(118, ValueKind.BLOB),
  /** 119. */
  SERIAL_CHAIN(119, ValueKind.BLOB),
  /** 120. */
  KEY_CLASSIFICATION(120, ValueKind.BLOB),
  /** 121. */
  OCSP_MUST_STAPLE(121, ValueKind.BLOB),
  /** 122: disallowed enhanced key usages, DER SEQUENCE OF OID. */
  DISALLOWED_ENHKEY_USAGE(122, ValueKind.OIDS),
  /** 123: non-compliant root URL, UTF-16LE. */
  NONCOMPLIANT_ROOT_URL(123, ValueKind.UTF16),
  /** 124: pin SHA-256 hash. */
  PIN_SHA256_HASH(124, ValueKind.HASH),
  /** 125. */
  CLR_DELETE_KEY(125, ValueKind.BLOB),
  /** 126: not before, FILETIME or empty. */
  NOT_BEFORE_FILETIME(126, ValueKind.FILETIME),
  /** 127: not-before enhanced key usages, DER SEQUENCE OF OID. */
  NOT_BEFORE_ENHKEY_USAGE(127, ValueKind.OIDS);

  /** How the value of a property is laid out. */
  public enum ValueKind {
    /** Opaque bytes. */
    BLOB,
    /** A hash value. */
    HASH,
    /** UTF-16LE text with a terminating NUL. */
    UTF16,
    /** An 8-byte FILETIME (100 ns since 1601-01-01, little-endian), or empty. */
    FILETIME,
    /** An unsigned 32-bit little-endian integer. */
    U32,
    /** A DER SEQUENCE OF OBJECT IDENTIFIER. */
    OIDS
  }

  private static final PropertyId[] BY_CODE = new PropertyId[128];

  static {
    for (PropertyId p : values()) {
      BY_CODE[p.code] = p;
    }
  }

  private final int code;
  private final ValueKind kind;

  PropertyId(int code, ValueKind kind) {
    this.code = code;
    this.kind = kind;
  }

  /** The numeric id written in the file. */
  public int code() {
    return code;
  }

  /** How the value is laid out. */
  public ValueKind valueKind() {
    return kind;
  }

  /**
   * Whether this property links a certificate to a private key on the machine that exported it (ids
   * 1, 2, 5, 6, 78, 79, 99, 100: key provider info, key spec and key handles; see {@link
   * #isKeyLink(long)}).
   *
   * @return true for a key-link id
   */
  public boolean isKeyLink() {
    return isKeyLink(code);
  }

  /**
   * Whether {@code code} links a certificate to a private key: {@link #KEY_PROV_INFO} (2, a
   * CRYPT_KEY_PROV_INFO naming the key container and provider, as Windows writes it when a personal
   * certificate with its key is exported), {@link #KEY_SPEC} (6), and the key handles 1, 5, 78, 79,
   * 99 and 100, which are meaningless outside the process that wrote them. None of them holds key
   * material: reading keeps them as opaque properties, so such a store round-trips byte for byte;
   * {@link SerializedStore#withoutKeyLinks()} removes them from a store you pass on.
   *
   * @param code a property id
   * @return true for a key-link id
   */
  public static boolean isKeyLink(long code) {
    return code == 1
        || code == 2
        || code == 5
        || code == 6
        || code == 78
        || code == 79
        || code == 99
        || code == 100;
  }

  /** The known property with this id, if any. */
  public static Optional<PropertyId> fromCode(long code) {
    if (code < 0 || code >= BY_CODE.length) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_CODE[(int) code]);
  }

  /**
   * The display name of a property id: the {@code wincrypt.h} name without {@code CERT_} and {@code
   * _PROP_ID} for known ids, {@code USER_PROP} for 0x8000 to 0xFFFF and {@code UNKNOWN} otherwise
   * (the names {@code sstdump.py} prints).
   */
  public static String nameOf(long code) {
    Optional<PropertyId> known = fromCode(code);
    if (known.isPresent()) {
      return known.get().name();
    }
    return code >= 0x8000 && code <= 0xFFFF ? "USER_PROP" : "UNKNOWN";
  }
}
