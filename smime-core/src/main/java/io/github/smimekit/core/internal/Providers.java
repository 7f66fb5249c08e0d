package io.github.smimekit.core.internal;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider instance smimekit uses, passed explicitly to JCA calls. It is
 * never registered with {@code Security.addProvider}.
 */
public final class Providers {
  private static final Provider BC = new BouncyCastleProvider();

  private Providers() {}

  /** The private Bouncy Castle provider. */
  public static Provider bc() {
    return BC;
  }
}
