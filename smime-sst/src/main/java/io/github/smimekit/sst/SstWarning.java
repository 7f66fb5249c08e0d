package io.github.smimekit.sst;

import static java.util.Objects.requireNonNull;

/**
 * A deviation from the format that lenient reading accepted (or a key property that reading
 * dropped), with where it was found.
 *
 * @param problem what is wrong
 * @param offset byte offset of the element header concerned, or -1 when not applicable
 * @param elementIndex 0-based element index, or -1 when not applicable
 * @param message lower-case description
 */
public record SstWarning(SstProblem problem, long offset, int elementIndex, String message) {
  /** Validates the components. */
  public SstWarning {
    requireNonNull(problem, "problem");
    requireNonNull(message, "message");
    offset = offset < 0 ? -1 : offset;
    elementIndex = elementIndex < 0 ? -1 : elementIndex;
  }
}
