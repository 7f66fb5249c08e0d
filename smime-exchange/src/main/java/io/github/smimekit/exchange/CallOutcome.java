package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The outcome of one call of a bulk run: its result or its failure, never both.
 *
 * @param call the call
 * @param result the result when it succeeded
 * @param failure the failure when it did not
 */
public record CallOutcome(
    CmdletCall call, Optional<CmdletResult> result, Optional<ExchangeOperationException> failure) {
  public CallOutcome {
    requireNonNull(call, "call");
    requireNonNull(result, "result");
    requireNonNull(failure, "failure");
    if (result.isPresent() == failure.isPresent()) {
      throw new IllegalArgumentException("exactly one of result and failure");
    }
  }

  /** A success. */
  public static CallOutcome success(CmdletCall call, CmdletResult result) {
    return new CallOutcome(call, Optional.of(result), Optional.empty());
  }

  /** A failure. */
  public static CallOutcome failure(CmdletCall call, ExchangeOperationException failure) {
    return new CallOutcome(call, Optional.empty(), Optional.of(failure));
  }

  /** Whether the call succeeded. */
  public boolean succeeded() {
    return result.isPresent();
  }
}
