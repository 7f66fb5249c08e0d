package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.Severity;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.StoreEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What makes Exchange refuse or misuse a store given as {@code Set-SmimeConfig
 * -SMIMECertificateIssuingCA} (spec {@code exchange-online.md} §1.7): a certificate that does not
 * decode, a certificate expired at the given time, or an encoded size over the limit — each makes
 * Exchange reject the whole call — are errors; a certificate that is not a CA is a warning.
 *
 * <p>The size limit is a setting: 70,000 bytes is what decompiled Exchange Server code checks
 * ({@code SSTFileSizeExceedLimit}); whether Exchange Online uses the same figure is unverified
 * (spec §5). An instance is immutable.
 */
public final class IssuingCaStoreCheck {
  /** The default size limit in bytes (Exchange Server's; unverified for Exchange Online). */
  public static final long DEFAULT_SIZE_LIMIT_BYTES = 70_000;

  private static final IssuingCaStoreCheck DEFAULTS =
      new IssuingCaStoreCheck(DEFAULT_SIZE_LIMIT_BYTES);

  private final long sizeLimitBytes;

  private IssuingCaStoreCheck(long sizeLimitBytes) {
    this.sizeLimitBytes = sizeLimitBytes;
  }

  /** The check with {@link #DEFAULT_SIZE_LIMIT_BYTES}. */
  public static IssuingCaStoreCheck defaults() {
    return DEFAULTS;
  }

  /**
   * The check with another size limit.
   *
   * @param limitBytes the largest encoded store accepted, more than 0 bytes
   * @return a new check
   */
  public IssuingCaStoreCheck withSizeLimitBytes(long limitBytes) {
    if (limitBytes <= 0) {
      throw new IllegalArgumentException("size limit must be more than 0 bytes: " + limitBytes);
    }
    return new IssuingCaStoreCheck(limitBytes);
  }

  /** The size limit in bytes. */
  public long sizeLimitBytes() {
    return sizeLimitBytes;
  }

  /**
   * A finding of {@link #checkEntries} with the store entry it is about.
   *
   * @param entryIndex 0-based index of the entry in {@link SerializedStore#entries()}, or -1 for a
   *     finding about the store as a whole (its size)
   * @param finding what was found
   */
  public record EntryFinding(int entryIndex, ExchangeFinding finding) {
    /** Validates the components. */
    public EntryFinding {
      requireNonNull(finding, "finding");
      if (entryIndex < -1) {
        throw new IllegalArgumentException("entry index < -1: " + entryIndex);
      }
    }
  }

  /**
   * Every finding about {@code store} at time {@code at}, store order.
   *
   * @param store the store to upload
   * @param at the time of the upload
   * @return the findings; no error means Exchange should accept it
   */
  public List<ExchangeFinding> check(SerializedStore store, Instant at) {
    List<ExchangeFinding> out = new ArrayList<>();
    for (EntryFinding f : checkEntries(store, at)) {
      out.add(f.finding());
    }
    return List.copyOf(out);
  }

  /**
   * {@link #check}, each finding with the index of the entry it is about: the size finding first
   * (index -1), then the certificate entries' findings in store order.
   *
   * @param store the store to upload
   * @param at the time of the upload
   * @return the findings with their entries
   */
  public List<EntryFinding> checkEntries(SerializedStore store, Instant at) {
    requireNonNull(store, "store");
    requireNonNull(at, "at");
    List<EntryFinding> out = new ArrayList<>();
    long size = store.encodedSize();
    List<StoreEntry> entries = store.entries();
    if (size > sizeLimitBytes) {
      long certificates = entries.stream().filter(StoreEntry::isCertificate).count();
      out.add(
          new EntryFinding(
              -1,
              ExchangeFinding.error(
                  "store-too-large",
                  "issuing-CA store of "
                      + size
                      + " bytes is over the limit of "
                      + sizeLimitBytes
                      + " bytes ("
                      + certificates
                      + (certificates == 1 ? " certificate)" : " certificates)"))));
    }
    int index = 0;
    for (int i = 0; i < entries.size(); i++) {
      StoreEntry e = entries.get(i);
      if (!e.isCertificate()) {
        continue;
      }
      Optional<X509Certificate> decoded = e.tryCertificate();
      if (decoded.isEmpty()) {
        out.add(
            new EntryFinding(
                i,
                ExchangeFinding.error(
                    "undecodable-certificate",
                    "issuing-CA store certificate #"
                        + index
                        + " (sha1 "
                        + e.sha1().hex().toUpperCase(java.util.Locale.ROOT)
                        + ") does not decode: "
                        + e.decodingProblem().orElse("not a valid X.509 certificate"))));
        index++;
        continue;
      }
      X509Certificate c = decoded.get();
      String who =
          "issuing-CA store certificate "
              + Thumbprint.sha1(c).hex()
              + " '"
              + Certificates.displayName(c.getSubjectX500Principal())
              + "'";
      Instant notAfter = c.getNotAfter().toInstant();
      if (notAfter.isBefore(at)) {
        out.add(
            new EntryFinding(
                i,
                ExchangeFinding.error(
                    "expired-ca",
                    who + " expired on " + notAfter + " (Exchange rejects the whole store)")));
      }
      if (c.getBasicConstraints() < 0) {
        out.add(
            new EntryFinding(
                i,
                ExchangeFinding.warning(
                    "not-a-ca", who + " is not a CA certificate (OWA does not need it)")));
      }
      index++;
    }
    return List.copyOf(out);
  }

  /**
   * Throws when {@code store} has an error at {@code at}.
   *
   * @param store the store to upload
   * @param at the time of the upload
   * @return the warnings
   * @throws ExchangeException naming every error
   */
  public List<ExchangeFinding> requireUploadable(SerializedStore store, Instant at) {
    List<ExchangeFinding> all = check(store, at);
    List<String> errors = new ArrayList<>();
    List<ExchangeFinding> warnings = new ArrayList<>();
    for (ExchangeFinding f : all) {
      if (f.severity() == Severity.ERROR) {
        errors.add(f.message());
      } else {
        warnings.add(f);
      }
    }
    if (!errors.isEmpty()) {
      throw new ExchangeException(
          "Set-SmimeConfig -SMIMECertificateIssuingCA refused: " + String.join("; ", errors));
    }
    return List.copyOf(warnings);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof IssuingCaStoreCheck other && other.sizeLimitBytes == sizeLimitBytes;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sizeLimitBytes);
  }

  @Override
  public String toString() {
    return "IssuingCaStoreCheck[sizeLimitBytes=" + sizeLimitBytes + "]";
  }
}
