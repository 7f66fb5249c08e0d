package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Thumbprint;
import java.util.List;
import java.util.Optional;

/**
 * What applying the calls of one recipient (or of the issuing-CA store) came to.
 *
 * @param target the recipient's identity, or {@value #ISSUING_CA_TARGET} for the store
 * @param type the recipient's type; empty for the store
 * @param status applied, unchanged or failed
 * @param reason why it failed (the error or the read-back difference); empty otherwise
 * @param expectedThumbprints the SHA-1 thumbprints expected (sorted)
 * @param actualThumbprints the SHA-1 thumbprints read back (sorted); empty when not read
 */
public record RecipientOutcome(
    String target,
    Optional<RecipientType> type,
    Status status,
    Optional<String> reason,
    List<Thumbprint> expectedThumbprints,
    List<Thumbprint> actualThumbprints) {
  /** The {@link #target()} of the issuing-CA store's outcome. */
  public static final String ISSUING_CA_TARGET = "SmimeConfig";

  /** How it went. */
  public enum Status {
    /** The calls ran and the read-back matches. */
    APPLIED,
    /**
     * Nothing had to change (no calls, or the service said nothing was modified) and it matches.
     */
    UNCHANGED,
    /** A call failed, or the read-back does not match. */
    FAILED
  }

  public RecipientOutcome {
    requireNonNull(target, "target");
    requireNonNull(type, "type");
    requireNonNull(status, "status");
    requireNonNull(reason, "reason");
    if ((status == Status.FAILED) != reason.isPresent()) {
      throw new IllegalArgumentException("a reason exactly when failed");
    }
    expectedThumbprints = List.copyOf(expectedThumbprints);
    actualThumbprints = List.copyOf(actualThumbprints);
  }
}
