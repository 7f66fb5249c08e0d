package io.github.smimekit.mail;

/** The verdict of one {@link Step}. */
public enum Outcome {
  /** The step passed. */
  PASS,
  /** The step failed; the verdict's detail says why. */
  FAIL,
  /** The step could not run because an earlier step it depends on failed. */
  NOT_RUN
}
