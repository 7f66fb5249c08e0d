package io.github.smimekit.testing;

/** Placeholder; replaced by the test PKI builder. */
public final class TestPki {
  private TestPki() {}
}
