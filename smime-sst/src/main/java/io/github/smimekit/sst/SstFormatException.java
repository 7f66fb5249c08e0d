package io.github.smimekit.sst;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.SmimeFormatException;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A serialized store (or one of its entries) is malformed. {@link #offset()} is the byte offset of
 * the 12-byte element header (or of the file header) where the problem is, {@link #elementIndex()}
 * the 0-based index of that element in the file, and {@link #problem()} says what is wrong.
 */
public class SstFormatException extends SmimeFormatException {
  private static final long serialVersionUID = 1L;

  private final SstProblem problem;
  private final int elementIndex;

  /**
   * @param problem what is wrong
   * @param message lower-case description with the offending value
   * @param offset byte offset of the element header, or -1 when unknown
   * @param elementIndex 0-based element index, or -1 when not about an element
   * @param cause the underlying exception, if any
   */
  public SstFormatException(
      SstProblem problem,
      String message,
      long offset,
      int elementIndex,
      @Nullable Throwable cause) {
    super(message, offset, cause);
    this.problem = requireNonNull(problem, "problem");
    this.elementIndex = elementIndex < 0 ? -1 : elementIndex;
  }

  /** What is wrong. */
  public SstProblem problem() {
    return problem;
  }

  /** The 0-based index of the element (property or context) in the file, when known. */
  public OptionalInt elementIndex() {
    return elementIndex < 0 ? OptionalInt.empty() : OptionalInt.of(elementIndex);
  }
}
