package io.github.smimekit.sst;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Thumbprint;
import java.util.Optional;

/**
 * Something {@link SerializedStore#verify()} or {@link SerializedStore#checkForExchange} found.
 *
 * @param code what was found
 * @param entryIndex 0-based index of the entry in {@link SerializedStore#entries()}, or -1 for the
 *     store as a whole
 * @param offset byte offset of the entry's context element where it was read, or -1
 * @param sha1 the entry's SHA-1 thumbprint; empty for the store as a whole
 * @param propertyId the property concerned, or 0
 * @param message lower-case description with the values involved
 */
public record StoreFinding(
    Code code,
    int entryIndex,
    long offset,
    Optional<Thumbprint> sha1,
    int propertyId,
    String message) {

  /** The kinds of finding. */
  public enum Code {
    /** A hash property (3, 4, 15, 25, 29, 98, 107) differs from the value recomputed. */
    HASH_MISMATCH,
    /** The certificate is not readable enough to recompute a hash property. */
    HASH_NOT_CHECKABLE,
    /** The certificate's DER cannot be decoded to an {@code X509Certificate}. */
    UNDECODABLE_CERTIFICATE,
    /** The certificate has expired at the time checked (Exchange rejects the whole upload). */
    EXPIRED,
    /** The certificate is not a CA (no basicConstraints cA=true). */
    NOT_A_CA,
    /** The encoded store is larger than the size limit. */
    SIZE_LIMIT_EXCEEDED
  }

  /** Validates the components. */
  public StoreFinding {
    requireNonNull(code, "code");
    requireNonNull(sha1, "sha1");
    requireNonNull(message, "message");
    entryIndex = entryIndex < 0 ? -1 : entryIndex;
    offset = offset < 0 ? -1 : offset;
  }
}
