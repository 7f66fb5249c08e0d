package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A PKCS#12 file does not hold exactly the one identity asked for: it holds no private key, or
 * several and none was chosen, or none matches the alias or thumbprint given in {@link
 * Pkcs12ReadOptions}. {@link #candidates()} lists the keys the file does hold (alias, certificate
 * subject and SHA-1 thumbprint; never key material), so the caller can choose one.
 */
public class IdentitySelectionException extends SmimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Candidate> candidates;

  /** An identity the file holds. */
  public record Candidate(
      Optional<String> alias, Optional<String> subject, Optional<Thumbprint> sha1) {
    /** Checks the components. */
    public Candidate {
      requireNonNull(alias, "alias");
      requireNonNull(subject, "subject");
      requireNonNull(sha1, "sha1");
    }

    @Override
    public String toString() {
      return alias.map(a -> "'" + a + "'").orElse("(no alias)")
          + " "
          + subject.orElse("(no certificate)")
          + sha1.map(s -> " sha1=" + s).orElse("");
    }
  }

  /**
   * @param message what was asked and what was found; the candidates are appended
   */
  public IdentitySelectionException(String message, List<Candidate> candidates) {
    super(message + (candidates.isEmpty() ? "" : "; candidates: " + candidates));
    this.candidates = List.copyOf(candidates);
  }

  /** The private keys the file holds (empty when it holds none). */
  public List<Candidate> candidates() {
    return candidates == null ? List.of() : candidates;
  }
}
