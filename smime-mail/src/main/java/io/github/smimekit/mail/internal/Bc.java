package io.github.smimekit.mail.internal;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider instance of this module, passed explicitly to JCA calls and never
 * registered with {@code Security.addProvider}.
 */
final class Bc {
  private static final Provider PROVIDER = new BouncyCastleProvider();

  private Bc() {}

  static Provider provider() {
    return PROVIDER;
  }
}
