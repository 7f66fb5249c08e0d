package io.github.smimekit.mail;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The verdicts of opening a message, one per {@link Step} in step order, and what was found.
 *
 * @param steps one verdict per step, in the order of {@link Step}
 * @param from the address of the message's {@code From} header, when there is one
 * @param encryption the content-encryption algorithm, when the message was decrypted
 * @param signing the signature's digest algorithm, when the message is signed
 * @param signer the signer's certificate, when the signature names an included certificate
 * @param text the signed content's text (the first {@code text/plain} part, at most 4096 chars)
 */
public record OpenReport(
    List<StepVerdict> steps,
    Optional<String> from,
    Optional<EncryptionAlgorithm> encryption,
    Optional<SigningAlgorithm> signing,
    Optional<X509Certificate> signer,
    Optional<String> text) {

  /** Checks and copies the components. */
  public OpenReport {
    steps = List.copyOf(requireNonNull(steps, "steps"));
    requireNonNull(from, "from");
    requireNonNull(encryption, "encryption");
    requireNonNull(signing, "signing");
    requireNonNull(signer, "signer");
    requireNonNull(text, "text");
    if (steps.size() != Step.values().length) {
      throw new IllegalArgumentException("one verdict per step expected: " + steps.size());
    }
    int i = 0;
    for (Step expected : Step.values()) {
      if (steps.get(i).step() != expected) {
        throw new IllegalArgumentException("verdict #" + i + " is for " + steps.get(i).step());
      }
      i++;
    }
  }

  /** The first failing step, if any. */
  public Optional<StepVerdict> firstFailure() {
    return steps.stream().filter(StepVerdict::failed).findFirst();
  }

  /** True when every step passed. */
  public boolean passed() {
    return steps.stream().allMatch(s -> s.outcome() == Outcome.PASS);
  }

  /**
   * The verdict of one step.
   *
   * @param step the step
   * @return its verdict
   */
  public StepVerdict verdict(Step step) {
    requireNonNull(step, "step");
    return steps.stream().filter(v -> v.step() == step).findFirst().orElseThrow();
  }
}
