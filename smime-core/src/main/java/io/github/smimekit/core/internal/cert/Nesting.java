package io.github.smimekit.core.internal.cert;

import io.github.smimekit.core.SmimeFormatException;

/**
 * Bounds the nesting depth of BER/DER before a recursive parser (Bouncy Castle's, the JDK's) sees
 * the bytes, so a crafted input nested thousands of levels deep gets a {@link SmimeFormatException}
 * instead of a {@code StackOverflowError}.
 *
 * <p>The walk is iterative and allocates nothing but one small array per check, shared by the walks
 * into encapsulated DER. It also looks inside primitive OCTET STRING and BIT STRING values that
 * hold DER themselves (certificate extension values, public keys), because parsers decode those
 * later on demand; their depth counts on top of the depth of the string that holds them. A value
 * that is not DER is opaque bytes and is skipped.
 *
 * <p>An element too short to hold nesting past the bound (each level takes at least two bytes) is
 * not walked: the answer cannot depend on it. So the walk of a real certificate stops a few levels
 * down, and malformed bytes inside such an element are left to the parser that follows, as all
 * malformation is.
 */
public final class Nesting {
  /** The deepest nesting accepted in a certificate: real ones stay below 16. */
  public static final int MAX_DEPTH = 64;

  private static final int OCTET_STRING = 0x04;
  private static final int BIT_STRING = 0x03;

  private Nesting() {}

  /**
   * Checks that no element in {@code b[from, to)} is nested deeper than {@code maxDepth}, counting
   * encapsulated DER. Malformed structure is not reported here (the parser that follows does that);
   * only depth is.
   *
   * @param where names the input for the message, e.g. {@code "certificate #2 at offset 80"}
   * @param inputOffset the offset of {@code b[from]} in the input, for the exception
   * @throws SmimeFormatException if the nesting is deeper than {@code maxDepth}
   */
  public static void check(
      byte[] b, int from, int to, int maxDepth, String where, long inputOffset) {
    // one bound per level, shared by the walks into encapsulated DER (see walk)
    int[] bounds = new int[maxDepth + 2];
    int deepest = walk(b, from, to, 0, maxDepth, bounds);
    if (deepest > maxDepth) {
      throw new SmimeFormatException(
          where + ": BER/DER nested deeper than " + maxDepth + " levels", inputOffset);
    }
  }

  /**
   * The deepest level reached in {@code b[from, to)} starting at {@code base}, or {@code max + 1}
   * as soon as that is exceeded; {@code -1} if the bytes are not well-formed BER (the caller treats
   * them as opaque).
   *
   * <p>{@code bounds[level]} is where the element open at that level ends, or, for an element of
   * indefinite length (which ends with end-of-contents octets instead), the complement {@code ~} of
   * its parent's bound. It is indexed by absolute level, so a walk into encapsulated DER (which
   * starts one level below the string holding it) uses the slots above its caller's and leaves the
   * caller's intact. The open element's bound is kept in locals: most elements are primitive.
   */
  private static int walk(byte[] b, int from, int to, int base, int max, int[] bounds) {
    int depth = base; // the absolute level: base + the depth inside b[from, to)
    bounds[depth] = to;
    int deepest = base;
    int p = from;
    int bound = to;
    boolean indefinite = false;
    while (true) {
      if (p >= bound) {
        if (indefinite) {
          return -1; // no end-of-contents
        }
        if (depth == base) {
          return deepest;
        }
        int v = bounds[--depth];
        indefinite = v < 0;
        bound = indefinite ? ~v : v;
        continue;
      }
      int tag = b[p++] & 0xff;
      if (indefinite && tag == 0 && p < bound && b[p] == 0) { // end-of-contents
        p++;
        int v = bounds[--depth];
        indefinite = v < 0;
        bound = indefinite ? ~v : v;
        continue;
      }
      if ((tag & 0x1f) == 0x1f) {
        int n = 0;
        while (true) {
          if (p >= bound || ++n > 4) {
            return -1;
          }
          if ((b[p++] & 0x80) == 0) {
            break;
          }
        }
      }
      if (p >= bound) {
        return -1;
      }
      int first = b[p++] & 0xff;
      int length;
      if (first < 0x80) {
        length = first;
      } else if (first == 0x80) {
        if ((tag & 0x20) == 0 || depth >= max) {
          return (tag & 0x20) == 0 ? -1 : max + 1;
        }
        bounds[++depth] = ~bound;
        indefinite = true;
        deepest = Math.max(deepest, depth);
        continue;
      } else {
        int n = first & 0x7f;
        if (n > 4 || p + n > bound) {
          return -1;
        }
        long len = 0;
        for (int i = 0; i < n; i++) {
          len = (len << 8) | (b[p++] & 0xff);
        }
        if (len > bound - p) {
          return -1;
        }
        length = (int) len;
      }
      if (length > bound - p) {
        return -1;
      }
      int end = p + length;
      // Nothing inside `length` bytes can lie more than length / 2 levels below the element (each
      // level takes a header of at least two bytes), so an element whose content could not
      // reach past the bound even if it were all headers is passed over unwalked. Most of a
      // certificate is: its names, key, extensions and signature lie a few levels down and are a
      // few hundred bytes long at most.
      if (depth + 1 + (length >>> 1) <= max) {
        p = end;
        continue;
      }
      if ((tag & 0x20) != 0) {
        if (depth >= max) {
          return max + 1;
        }
        bounds[++depth] = end;
        bound = end;
        indefinite = false;
        deepest = Math.max(deepest, depth);
        continue;
      }
      // a walk that starts below the bound (depth > max) looks inside no string: what one holds
      // cannot change its answer, and this bounds the recursion
      if (depth <= max) {
        int inner = -1;
        if (tag == OCTET_STRING && length >= 2) {
          inner = walk(b, p, end, depth + 1, max, bounds);
        } else if (tag == BIT_STRING && length >= 3 && b[p] == 0) {
          inner = walk(b, p + 1, end, depth + 1, max, bounds);
        }
        if (inner > max) {
          return inner;
        }
        deepest = Math.max(deepest, inner);
      }
      p = end;
    }
  }
}
