package io.github.smimekit.core.internal.pkcs12;

import io.github.smimekit.core.SmimeFormatException;

/** The key-derivation work one call may do, so a hostile file cannot make it run for minutes. */
final class Budget {
  private long remaining;

  Budget(long iterations) {
    this.remaining = iterations;
  }

  void spend(long iterations) {
    remaining -= iterations;
    if (remaining < 0) {
      throw new SmimeFormatException(
          "PKCS#12: key derivations exceed the total work limit (8 x maxIterations)");
    }
  }
}
