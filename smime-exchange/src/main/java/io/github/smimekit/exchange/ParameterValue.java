package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Bytes;
import java.util.List;

/**
 * A typed cmdlet parameter value. The type decides the rendering: in PowerShell a quoted string,
 * {@code $true}/{@code $false}, a number, {@code [Convert]::FromBase64String(...)}, a list of byte
 * arrays or {@code $null}; on the Admin API wire a JSON string, boolean, number, an {@code
 * Exchange.ByteArrayType} object, a {@code Collection(Exchange.ByteArrayType)} array or {@code
 * null} (spec {@code exchange-online.md} §2.0).
 */
public sealed interface ParameterValue
    permits ParameterValue.Text,
        ParameterValue.TextList,
        ParameterValue.Flag,
        ParameterValue.UInt32,
        ParameterValue.ByteArray,
        ParameterValue.ByteArrayList,
        ParameterValue.Null {

  /** A string value. */
  static ParameterValue text(String value) {
    return new Text(value);
  }

  /** A list of strings (a string MultiValuedProperty set in full). */
  static ParameterValue textList(List<String> values) {
    return new TextList(values);
  }

  /** A boolean value ({@code $true}/{@code $false}). */
  static ParameterValue bool(boolean value) {
    return new Flag(value);
  }

  /** An unsigned 32-bit value ({@code [uint]} in the module's proxy functions). */
  static ParameterValue uint32(long value) {
    return new UInt32(value);
  }

  /** One byte array ({@code byte[]}). */
  static ParameterValue bytes(Bytes value) {
    return new ByteArray(value);
  }

  /** A list of byte arrays that replaces the whole multi-valued property. Never empty. */
  static ParameterValue byteList(List<Bytes> values) {
    return new ByteArrayList(values);
  }

  /** {@code $null}: clears a property. */
  static ParameterValue nullValue() {
    return Null.INSTANCE;
  }

  /** A string value. */
  record Text(String value) implements ParameterValue {
    public Text {
      requireNonNull(value, "value");
    }
  }

  /** A list of strings. */
  record TextList(List<String> values) implements ParameterValue {
    public TextList {
      values = List.copyOf(values);
    }
  }

  /** A boolean value. */
  record Flag(boolean value) implements ParameterValue {}

  /** An unsigned 32-bit value. */
  record UInt32(long value) implements ParameterValue {
    public UInt32 {
      if (value < 0 || value > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("not a UInt32: " + value);
      }
    }
  }

  /** One byte array. */
  record ByteArray(Bytes value) implements ParameterValue {
    public ByteArray {
      requireNonNull(value, "value");
    }
  }

  /**
   * A non-empty list of byte arrays. Clearing is {@link Null}, never an empty list: the Admin API
   * does not clear a multi-valued property on an empty list (spec §2.0).
   */
  record ByteArrayList(List<Bytes> values) implements ParameterValue {
    public ByteArrayList {
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException(
            "an empty list does not clear: use ParameterValue.nullValue()");
      }
    }
  }

  /** {@code $null}. */
  enum Null implements ParameterValue {
    INSTANCE
  }
}
