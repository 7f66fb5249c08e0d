package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.SmimeFormatException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One object of a cmdlet's result ({@code value[i]} of the response): the cmdlet's PascalCase
 * properties as JSON values ({@code String}, {@code Boolean}, a {@code Number}, {@code List},
 * {@code Map} or absent for JSON {@code null}).
 *
 * <p>Byte arrays are read in every form the service might use, because which one it uses with
 * {@code X-ResponseFormat: json} is not known (spec {@code exchange-online.md} §5.1): an array of
 * integers 0-255, a base64 string, or an {@code {"Data": ...}} object holding either.
 */
public final class ResultObject {
  private final Map<String, @Nullable Object> properties;

  private ResultObject(Map<String, @Nullable Object> properties) {
    this.properties = properties;
  }

  /**
   * An object from parsed JSON properties (values: {@code String}, {@code Boolean}, {@code Number},
   * {@code List}, {@code Map}, {@code null}); copied deeply into unmodifiable collections.
   */
  public static ResultObject of(Map<String, ?> properties) {
    requireNonNull(properties, "properties");
    Map<String, @Nullable Object> copy = new LinkedHashMap<>();
    properties.forEach((k, v) -> copy.put(requireNonNull(k, "name"), deepCopy(v)));
    return new ResultObject(Collections.unmodifiableMap(copy));
  }

  private static @Nullable Object deepCopy(@Nullable Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, @Nullable Object> copy = new LinkedHashMap<>();
      m.forEach((k, x) -> copy.put(String.valueOf(k), deepCopy(x)));
      return Collections.unmodifiableMap(copy);
    }
    if (v instanceof List<?> l) {
      List<@Nullable Object> copy = new ArrayList<>(l.size());
      for (Object x : l) {
        copy.add(deepCopy(x));
      }
      return Collections.unmodifiableList(copy);
    }
    return v;
  }

  /** The property names, in response order. */
  public Set<String> names() {
    return properties.keySet();
  }

  /** The properties (unmodifiable). */
  public Map<String, @Nullable Object> properties() {
    return properties;
  }

  /** A string property; empty when absent or {@code null}. */
  public Optional<String> text(String name) {
    Object v = properties.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof String s) {
      return Optional.of(s);
    }
    if (v instanceof Number || v instanceof Boolean) {
      return Optional.of(String.valueOf(v));
    }
    throw new SmimeFormatException("property " + name + " is not a string");
  }

  /** A string list property; a single string is a one-element list; empty when absent. */
  public List<String> textList(String name) {
    Object v = properties.get(name);
    if (v == null) {
      return List.of();
    }
    if (v instanceof String s) {
      return List.of(s);
    }
    if (v instanceof List<?> l) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) {
        if (!(l.get(i) instanceof String s)) {
          throw new SmimeFormatException("property " + name + "[" + i + "] is not a string");
        }
        out.add(s);
      }
      return List.copyOf(out);
    }
    throw new SmimeFormatException("property " + name + " is not a string list");
  }

  /**
   * A single-valued byte array property ({@code SMIMECertificateIssuingCA}): an integer array, a
   * base64 string or a {@code {"Data": ...}} object; empty when absent, {@code null} or empty.
   */
  public Optional<Bytes> byteArray(String name) {
    Object v = properties.get(name);
    if (v == null) {
      return Optional.empty();
    }
    Bytes b = bytes(v, name);
    return b.isEmpty() ? Optional.empty() : Optional.of(b);
  }

  /**
   * A multi-valued byte array property ({@code UserCertificate}): a list whose elements are each an
   * integer array, a base64 string or a {@code {"Data": ...}} object; empty when absent or {@code
   * null}.
   */
  public List<Bytes> byteArrays(String name) {
    Object v = properties.get(name);
    if (v == null) {
      return List.of();
    }
    if (v instanceof String || v instanceof Map<?, ?>) {
      return List.of(bytes(v, name)); // one value not wrapped in a list
    }
    if (!(v instanceof List<?> l)) {
      throw new SmimeFormatException("property " + name + " is not a list of byte arrays");
    }
    if (!l.isEmpty() && l.get(0) instanceof Number) {
      return List.of(bytes(l, name)); // one value as a bare integer array
    }
    List<Bytes> out = new ArrayList<>(l.size());
    for (int i = 0; i < l.size(); i++) {
      Object x = l.get(i);
      if (x == null) {
        throw new SmimeFormatException("property " + name + "[" + i + "] is null");
      }
      out.add(bytes(x, name + "[" + i + "]"));
    }
    return List.copyOf(out);
  }

  private static Bytes bytes(Object v, String where) {
    if (v instanceof Map<?, ?> m) {
      Object data = m.get("Data");
      if (data == null) {
        throw new SmimeFormatException("property " + where + " is an object without Data");
      }
      return bytes(data, where + ".Data");
    }
    if (v instanceof String s) {
      try {
        return Bytes.copyOf(Base64.getMimeDecoder().decode(s));
      } catch (IllegalArgumentException e) {
        throw new SmimeFormatException("property " + where + " is a string but not base64", e);
      }
    }
    if (v instanceof List<?> l) {
      byte[] out = new byte[l.size()];
      for (int i = 0; i < out.length; i++) {
        Object x = l.get(i);
        if (!(x instanceof Integer n) || n < 0 || n > 255) {
          throw new SmimeFormatException(
              "property " + where + " byte #" + i + " is not an integer 0-255: " + clip(x));
        }
        out[i] = (byte) (int) n;
      }
      return Bytes.copyOf(out);
    }
    throw new SmimeFormatException("property " + where + " is not a byte array");
  }

  private static String clip(@Nullable Object x) {
    String s = String.valueOf(x);
    return s.length() > 20 ? s.substring(0, 20) + "..." : s;
  }

  @Override
  public String toString() {
    return "ResultObject" + properties.keySet();
  }
}
