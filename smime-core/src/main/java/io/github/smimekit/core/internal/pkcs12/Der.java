package io.github.smimekit.core.internal.pkcs12;

import io.github.smimekit.core.SmimeFormatException;

/**
 * A structural walk over BER/DER bytes before any parser sees them: every length is checked against
 * the bytes that remain and nesting is bounded, so a damaged input gets a precise message with its
 * offset, and no parser recurses without limit.
 */
final class Der {
  static final int MAX_DEPTH = 48;

  /** Elements a walk may meet per bag the options allow, on top of a fixed allowance. */
  static final int ELEMENTS_PER_BAG = 64;

  private final byte[] data;
  private final String what;
  private int elements;

  private Der(byte[] data, String what) {
    this.data = data;
    this.what = what;
  }

  /**
   * Checks that {@code data} holds exactly one well-formed BER element.
   *
   * @throws SmimeFormatException with the offset of the first problem
   */
  static int check(byte[] data, String what) {
    Der der = new Der(data, what);
    if (data.length == 0) {
      throw new SmimeFormatException(what + ": empty input", 0);
    }
    int end = der.element(0, data.length, 0);
    if (end != data.length) {
      throw new SmimeFormatException(
          what + ": " + (data.length - end) + " unexpected bytes after the end at offset " + end,
          end);
    }
    return der.elements;
  }

  /**
   * The end offset of the one well-formed BER element at the start of {@code data}; what follows it
   * is not looked at.
   *
   * @throws SmimeFormatException with the offset of the first problem inside the element
   */
  static int end(byte[] data, String what) {
    if (data.length == 0) {
      throw new SmimeFormatException(what + ": empty input", 0);
    }
    return new Der(data, what).element(0, data.length, 0);
  }

  /**
   * The number of elements directly inside the constructed element that {@code data} holds (which
   * {@link #check} has accepted): counted on the encoding, before any parser builds objects.
   */
  static int children(byte[] data) {
    Der der = new Der(data, "");
    int pos = 1;
    if ((data[0] & 0x1f) == 0x1f) {
      while ((data[pos++] & 0x80) != 0) {
        // high tag number continuation octets
      }
    }
    int first = data[pos++] & 0xff;
    int end;
    boolean indefinite = first == 0x80;
    if (indefinite) {
      end = data.length;
    } else if (first < 0x80) {
      end = pos + first;
    } else {
      int n = first & 0x7f;
      long length = 0;
      for (int i = 0; i < n; i++) {
        length = (length << 8) | (data[pos++] & 0xff);
      }
      end = pos + (int) length;
    }
    int count = 0;
    while (pos < end) {
      if (indefinite && pos + 2 <= end && data[pos] == 0 && data[pos + 1] == 0) {
        break;
      }
      pos = der.element(pos, end, 1);
      count++;
    }
    return count;
  }

  /** Walks the element at {@code pos} inside {@code [pos, limit)}; returns its end. */
  private int element(int pos, int limit, int depth) {
    if (depth > MAX_DEPTH) {
      throw new SmimeFormatException(
          what + ": nesting deeper than " + MAX_DEPTH + " at offset " + pos, pos);
    }
    int start = pos;
    elements++;
    if (pos >= limit) {
      throw truncated(pos);
    }
    int tag = data[pos++] & 0xff;
    boolean constructed = (tag & 0x20) != 0;
    if ((tag & 0x1f) == 0x1f) { // high tag number form
      int n = 0;
      do {
        if (pos >= limit) {
          throw truncated(pos);
        }
        if (++n > 4) {
          throw new SmimeFormatException(what + ": tag too long at offset " + start, start);
        }
      } while ((data[pos++] & 0x80) != 0);
    }
    if (pos >= limit) {
      throw truncated(pos);
    }
    int first = data[pos++] & 0xff;
    if (first == 0x80) { // indefinite length (BER)
      if (!constructed) {
        throw new SmimeFormatException(
            what + ": indefinite length on a primitive element at offset " + start, start);
      }
      while (true) {
        if (pos + 2 <= limit && data[pos] == 0 && data[pos + 1] == 0) {
          return pos + 2;
        }
        if (pos >= limit) {
          throw truncated(pos);
        }
        pos = element(pos, limit, depth + 1);
      }
    }
    long length;
    if (first < 0x80) {
      length = first;
    } else {
      int n = first & 0x7f;
      if (n > 4) {
        throw new SmimeFormatException(
            what + ": length of " + n + " bytes at offset " + (pos - 1) + " is too large", pos - 1);
      }
      length = 0;
      for (int i = 0; i < n; i++) {
        if (pos >= limit) {
          throw truncated(pos);
        }
        length = (length << 8) | (data[pos++] & 0xff);
      }
    }
    if (length > limit - pos) {
      throw new SmimeFormatException(
          what
              + ": element at offset "
              + start
              + " declares "
              + length
              + " bytes but only "
              + (limit - pos)
              + " remain (truncated?)",
          start);
    }
    int end = pos + (int) length;
    if (constructed) {
      while (pos < end) {
        pos = element(pos, end, depth + 1);
      }
    }
    return end;
  }

  private SmimeFormatException truncated(int pos) {
    return new SmimeFormatException(what + ": truncated at offset " + pos, pos);
  }
}
