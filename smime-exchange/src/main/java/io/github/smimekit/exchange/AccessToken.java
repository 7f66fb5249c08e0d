package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import javax.security.auth.Destroyable;
import org.jspecify.annotations.Nullable;

/**
 * An OAuth 2.0 access token for the Exchange Online Admin API, held as a {@code char[]} that {@link
 * #destroy()} overwrites.
 *
 * <p>Like {@link io.github.smimekit.core.Password} it never shows itself: {@code toString()} prints
 * {@code AccessToken[***]}, and {@code equals}/{@code hashCode} are identity-based, so a token
 * cannot leak through logs, maps or exception messages.
 */
public final class AccessToken implements Destroyable {
  private final char[] chars;
  private final @Nullable Instant expiresAt;
  private volatile boolean destroyed;

  private AccessToken(char[] chars, @Nullable Instant expiresAt) {
    if (chars.length == 0) {
      throw new IllegalArgumentException("empty access token");
    }
    for (char c : chars) {
      // a bearer token is visible ASCII (RFC 6750 b64token); anything else would break the header
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            "access token contains a character outside ASCII 0x21-0x7e");
      }
    }
    this.chars = chars;
    this.expiresAt = expiresAt;
  }

  /** A token from its characters (copied; the caller may wipe its array). */
  public static AccessToken of(char[] token) {
    requireNonNull(token, "token");
    return new AccessToken(token.clone(), null);
  }

  /** A token from its characters (copied) that expires at {@code expiresAt}. */
  public static AccessToken of(char[] token, Instant expiresAt) {
    requireNonNull(token, "token");
    return new AccessToken(token.clone(), requireNonNull(expiresAt, "expiresAt"));
  }

  /**
   * A token from a string, for token sources that only give strings (MSAL, an environment
   * variable). The string itself cannot be wiped; prefer {@link #of(char[])} where possible.
   */
  public static AccessToken fromString(CharSequence token, @Nullable Instant expiresAt) {
    requireNonNull(token, "token");
    char[] chars = new char[token.length()];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = token.charAt(i);
    }
    return new AccessToken(chars, expiresAt);
  }

  /** When the token expires, if the token source said so. */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /**
   * A copy of the characters, for building the {@code Authorization} header. The caller owns the
   * copy and should wipe it.
   *
   * @throws IllegalStateException if the token was destroyed
   */
  public char[] toCharArray() {
    if (destroyed) {
      throw new IllegalStateException("access token was destroyed");
    }
    return chars.clone();
  }

  /** Overwrites the characters; the token cannot be used afterwards. */
  @Override
  public void destroy() {
    Arrays.fill(chars, '\0');
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "AccessToken[***]";
  }
}
