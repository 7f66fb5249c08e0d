package io.github.smimekit.mail;

/**
 * Bounds on an untrusted message being opened, checked before the work they bound.
 *
 * @param maxMessageBytes the largest {@code .eml} accepted, in bytes
 * @param maxDepth the deepest nesting of MIME entities (the message itself is depth 1)
 * @param maxParts the most MIME body parts in the whole message
 */
public record MessageLimits(long maxMessageBytes, int maxDepth, int maxParts) {
  /** Default {@link #maxMessageBytes()}: 32 MiB. */
  public static final long DEFAULT_MAX_MESSAGE_BYTES = 32L * 1024 * 1024;

  /** Default {@link #maxDepth()}: 16. */
  public static final int DEFAULT_MAX_DEPTH = 16;

  /** Default {@link #maxParts()}: 256. */
  public static final int DEFAULT_MAX_PARTS = 256;

  /** Checks the bounds. */
  public MessageLimits {
    if (maxMessageBytes < 1 || maxMessageBytes > Integer.MAX_VALUE - 8L) {
      throw new IllegalArgumentException("maxMessageBytes out of range: " + maxMessageBytes);
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth < 1: " + maxDepth);
    }
    if (maxParts < 1) {
      throw new IllegalArgumentException("maxParts < 1: " + maxParts);
    }
  }

  /** The default limits. */
  public static MessageLimits defaults() {
    return new MessageLimits(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_PARTS);
  }
}
