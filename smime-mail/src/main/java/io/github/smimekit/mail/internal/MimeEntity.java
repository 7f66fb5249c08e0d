package io.github.smimekit.mail.internal;

import io.github.smimekit.mail.MessageFormatException;
import io.github.smimekit.mail.MessageLimits;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One MIME entity of an untrusted message: its headers (parsed by Jakarta Mail), its content type
 * and its raw bytes. Multipart bodies are split here, on the raw bytes, so that the bytes a
 * clear-signed signature covers are exactly the bytes of the file, and so that the number of parts
 * is counted before any part is parsed.
 */
final class MimeEntity {
  private static final int MAX_HEADER_BYTES = 1 << 20;

  private final String path;
  private final byte[] raw;
  private final int bodyStart;
  private final InternetHeaders headers;
  private final ContentType type;

  private MimeEntity(
      String path, byte[] raw, int bodyStart, InternetHeaders headers, ContentType type) {
    this.path = path;
    this.raw = raw;
    this.bodyStart = bodyStart;
    this.headers = headers;
    this.type = type;
  }

  /** Parses the headers of an entity; the body is kept raw. */
  static MimeEntity parse(byte[] raw, String path) {
    int bodyStart = raw.length;
    int headerEnd = raw.length;
    int pos = 0;
    while (pos < raw.length) {
      int nl = indexOf(raw, (byte) '\n', pos);
      int lineEnd = nl < 0 ? raw.length : nl;
      int contentEnd = lineEnd > pos && raw[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
      if (contentEnd == pos) {
        headerEnd = pos;
        bodyStart = nl < 0 ? raw.length : nl + 1;
        break;
      }
      pos = nl < 0 ? raw.length : nl + 1;
    }
    if (headerEnd > MAX_HEADER_BYTES) {
      throw new MessageFormatException(
          path + ": headers of " + headerEnd + " bytes, more than " + MAX_HEADER_BYTES);
    }
    InternetHeaders headers;
    try {
      headers = new InternetHeaders(new ByteArrayInputStream(raw, 0, headerEnd), true);
    } catch (MessagingException | RuntimeException e) {
      throw new MessageFormatException(path + ": malformed header section", e);
    }
    String ct = headers.getHeader("Content-Type", null);
    ContentType type;
    try {
      type = new ContentType(ct == null ? "text/plain; charset=us-ascii" : unfold(ct));
    } catch (ParseException | RuntimeException e) {
      throw new MessageFormatException(path + ": malformed Content-Type '" + shorten(ct) + "'", e);
    }
    return new MimeEntity(path, raw, bodyStart, headers, type);
  }

  String path() {
    return path;
  }

  /** The whole entity, headers included, as in the input. */
  byte[] raw() {
    return raw;
  }

  /** The lower-case base type ("multipart/signed"). */
  String baseType() {
    return type.getBaseType().toLowerCase(Locale.ROOT);
  }

  /** A content-type parameter, or null. */
  @Nullable String parameter(String name) {
    return type.getParameter(name);
  }

  /** The first value of a header, unfolded, or null. */
  @Nullable String header(String name) {
    String[] v = headers.getHeader(name);
    return v == null || v.length == 0 ? null : unfold(v[0]);
  }

  /** The body with its Content-Transfer-Encoding removed. */
  byte[] decodedBody() {
    byte[] body = Arrays.copyOfRange(raw, bodyStart, raw.length);
    String cte = header("Content-Transfer-Encoding");
    String encoding = cte == null ? "7bit" : cte.trim().toLowerCase(Locale.ROOT);
    switch (encoding) {
      case "7bit", "8bit", "binary" -> {
        return body;
      }
      case "base64", "quoted-printable" -> {
        try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(body), encoding)) {
          return in.readAllBytes();
        } catch (MessagingException | IOException | RuntimeException e) {
          throw new MessageFormatException(path + ": body is not valid " + encoding, e);
        }
      }
      default ->
          throw new MessageFormatException(
              path + ": unknown Content-Transfer-Encoding '" + shorten(cte) + "'");
    }
  }

  /**
   * The parts of a multipart entity, split on the raw bytes; each part excludes the line break
   * before the next delimiter (RFC 2046 section 5.1.1).
   *
   * @param budget the parts still allowed in the whole message; decremented
   */
  List<MimeEntity> parts(int[] budget) {
    String boundary = parameter("boundary");
    if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
      throw new MessageFormatException(
          path + ": " + baseType() + " without a valid boundary parameter");
    }
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    List<int[]> ranges = new ArrayList<>();
    int partStart = -1;
    int pos = bodyStart;
    boolean closed = false;
    while (pos < raw.length && !closed) {
      int nl = indexOf(raw, (byte) '\n', pos);
      int lineEnd = nl < 0 ? raw.length : nl;
      int next = nl < 0 ? raw.length : nl + 1;
      if (startsWith(raw, pos, lineEnd, delimiter)) {
        int after = pos + delimiter.length;
        boolean close = after + 2 <= lineEnd && raw[after] == '-' && raw[after + 1] == '-';
        if (close || onlyWhitespace(raw, after, lineEnd)) {
          if (partStart >= 0) {
            int end = pos;
            if (end > partStart && raw[end - 1] == '\n') {
              end--;
              if (end > partStart && raw[end - 1] == '\r') {
                end--;
              }
            }
            if (--budget[0] < 0) {
              throw new MessageFormatException(path + ": more MIME parts than the limit");
            }
            ranges.add(new int[] {partStart, end});
          }
          partStart = next;
          closed = close;
        }
      }
      pos = next;
    }
    if (!closed && partStart >= 0 && partStart < raw.length) {
      if (--budget[0] < 0) {
        throw new MessageFormatException(path + ": more MIME parts than the limit");
      }
      ranges.add(new int[] {partStart, raw.length});
    }
    if (ranges.isEmpty()) {
      throw new MessageFormatException(
          path + ": " + baseType() + " has no part delimited by its boundary");
    }
    List<MimeEntity> out = new ArrayList<>(ranges.size());
    for (int i = 0; i < ranges.size(); i++) {
      int[] r = ranges.get(i);
      out.add(parse(Arrays.copyOfRange(raw, r[0], r[1]), path + "." + (i + 1)));
    }
    return out;
  }

  /** Checks the depth and part limits over this entity's tree. */
  void checkTree(MessageLimits limits, int[] budget) {
    checkTree(limits, budget, 1);
  }

  private void checkTree(MessageLimits limits, int[] budget, int depth) {
    if (depth > limits.maxDepth()) {
      throw new MessageFormatException(path + ": MIME nesting deeper than " + limits.maxDepth());
    }
    if (baseType().startsWith("multipart/")) {
      for (MimeEntity p : parts(budget)) {
        p.checkTree(limits, budget, depth + 1);
      }
    } else if (baseType().equals("message/rfc822")) {
      if (--budget[0] < 0) {
        throw new MessageFormatException(path + ": more MIME parts than the limit");
      }
      parse(decodedBody(), path + ".1").checkTree(limits, budget, depth + 1);
    }
  }

  private static boolean onlyWhitespace(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
    if (to - from < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[from + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] b, byte v, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }

  static String unfold(String s) {
    return s.replace("\r\n", "").replace("\n", "").replace("\r", "");
  }

  static String shorten(@Nullable String s) {
    if (s == null) {
      return "";
    }
    String t =
        s.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? s : s.replaceAll("[^\\x20-\\x7e]", "?");
    return t.length() > 60 ? t.substring(0, 60) + "..." : t;
  }
}
