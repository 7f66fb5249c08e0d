package io.github.smimekit.mail;

import static java.util.Objects.requireNonNull;

/**
 * The verdict of one step of opening a message.
 *
 * @param step the step
 * @param outcome pass, fail, or not run
 * @param detail what was found (the algorithms, the signer, the chain) or why it failed
 */
public record StepVerdict(Step step, Outcome outcome, String detail) {
  /** Checks the components. */
  public StepVerdict {
    requireNonNull(step, "step");
    requireNonNull(outcome, "outcome");
    requireNonNull(detail, "detail");
  }

  /** True when the step failed. */
  public boolean failed() {
    return outcome == Outcome.FAIL;
  }
}
