package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The findings of {@link SmimeFitness#check}, in the order of the {@link FindingCode} constants. An
 * empty list means the certificate is fit for the purpose.
 *
 * @param findings the findings, possibly empty
 */
public record FitnessReport(List<Finding> findings) {
  /** Copies the list. */
  public FitnessReport {
    findings = List.copyOf(requireNonNull(findings, "findings"));
  }

  /**
   * Whether any finding is an {@link Severity#ERROR}: the certificate is unfit.
   *
   * @return true when there is an error
   */
  public boolean hasErrors() {
    return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
  }

  /**
   * Whether any finding is a {@link Severity#WARNING}.
   *
   * @return true when there is a warning
   */
  public boolean hasWarnings() {
    return findings.stream().anyMatch(f -> f.severity() == Severity.WARNING);
  }

  /**
   * Whether a finding with this code is present.
   *
   * @param code the rule
   * @return true if the rule reported something
   */
  public boolean contains(FindingCode code) {
    requireNonNull(code, "code");
    return findings.stream().anyMatch(f -> f.code() == code);
  }
}
