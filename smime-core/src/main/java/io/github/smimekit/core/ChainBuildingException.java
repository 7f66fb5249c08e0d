package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

/**
 * No valid chain of trust could be built for a certificate. {@link #reason()} says why, {@link
 * #diagnosis()} says where.
 */
public class ChainBuildingException extends SmimeException {
  private static final long serialVersionUID = 1L;

  private final transient ChainDiagnosis diagnosis;

  /**
   * Creates the exception from a diagnosis; the message is the diagnosis' sentence.
   *
   * @param diagnosis why and where the chain broke
   */
  public ChainBuildingException(ChainDiagnosis diagnosis) {
    super(requireNonNull(diagnosis, "diagnosis").reason());
    this.diagnosis = diagnosis;
  }

  /** Why no chain was built. */
  public ChainStatus reason() {
    return diagnosis.status();
  }

  /** The full diagnosis: status, sentence and the certificate where the chain broke. */
  public ChainDiagnosis diagnosis() {
    return diagnosis;
  }
}
