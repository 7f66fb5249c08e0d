package io.github.smimekit.exchange;

import java.util.Locale;

/** What a plan does to a recipient. */
public enum RecipientStatus {
  /** A mail contact that does not exist is created, then given its certificates. */
  CREATE,
  /** The recipient's certificate attributes change. */
  CHANGE,
  /** The tenant already holds what is desired: no operation. */
  UNCHANGED,
  /** An error (an unfit certificate, a missing CA, an unknown recipient) blocks the recipient. */
  BLOCKED;

  /**
   * The name in JSON output: {@code create}, {@code change}, {@code unchanged}, {@code blocked}.
   */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
