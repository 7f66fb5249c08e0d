package io.github.smimekit.testing.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Base64;

/**
 * How the fake writes byte arrays in responses. Which form Exchange Online uses with {@code
 * X-ResponseFormat: json} is not known (spec {@code exchange-online.md} §5.1), so the fake can
 * answer in either, or alternate.
 */
public enum ByteArrayForm {
  /** An array of integers 0-255. */
  INTEGER_ARRAY,
  /** A base64 string. */
  BASE64,
  /** Even-indexed values as integer arrays, odd-indexed as base64 strings. */
  ALTERNATING;

  JsonNode write(byte[] b, int index) {
    boolean ints = this == INTEGER_ARRAY || (this == ALTERNATING && index % 2 == 0);
    if (!ints) {
      return FakeTenant.NODES.textNode(Base64.getEncoder().encodeToString(b));
    }
    ArrayNode a = FakeTenant.NODES.arrayNode(b.length);
    for (byte x : b) {
      a.add(x & 0xFF);
    }
    return a;
  }
}
