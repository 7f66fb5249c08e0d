package io.github.smimekit.exchange.internal.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.smimekit.core.Bytes;
import io.github.smimekit.exchange.CmdletCall;
import io.github.smimekit.exchange.ParameterValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes the body of {@code InvokeCommand}: {@code {"CmdletInput":{"CmdletName":...,"Parameters":
 * {...}}}} with byte arrays exactly as the module sends them (spec {@code exchange-online.md}
 * §2.0): numbers, never base64.
 */
public final class InvokeBody {
  private static final JsonFactory FACTORY = new JsonFactory();

  private InvokeBody() {}

  /** The UTF-8 JSON body of {@code call}; {@code confirmFalse} adds {@code "Confirm": false}. */
  public static byte[] write(CmdletCall call, boolean confirmFalse) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + estimate(call));
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writeObject(g, call, confirmFalse);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes {@code {"CmdletInput":{...}}} to {@code g}. */
  public static void writeObject(JsonGenerator g, CmdletCall call, boolean confirmFalse)
      throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("CmdletInput");
    g.writeStringField("CmdletName", call.cmdlet());
    g.writeObjectFieldStart("Parameters");
    for (Map.Entry<String, ParameterValue> e : call.parameters().entrySet()) {
      writeParameter(g, e.getKey(), e.getValue());
    }
    if (confirmFalse && !call.parameters().containsKey("Confirm")) {
      g.writeBooleanField("Confirm", false);
    }
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeParameter(JsonGenerator g, String name, ParameterValue value)
      throws IOException {
    if (value instanceof ParameterValue.Text t) {
      g.writeStringField(name, t.value());
    } else if (value instanceof ParameterValue.TextList l) {
      g.writeArrayFieldStart(name);
      for (String s : l.values()) {
        g.writeString(s);
      }
      g.writeEndArray();
    } else if (value instanceof ParameterValue.Flag f) {
      g.writeBooleanField(name, f.value());
    } else if (value instanceof ParameterValue.UInt32 u) {
      g.writeNumberField(name, u.value());
    } else if (value instanceof ParameterValue.ByteArray b) {
      g.writeObjectFieldStart(name);
      g.writeStringField("@odata.type", "#Exchange.ByteArrayType");
      g.writeFieldName("Data");
      writeNumbers(g, b.value());
      g.writeEndObject();
    } else if (value instanceof ParameterValue.ByteArrayList l) {
      g.writeStringField(name + "@odata.type", "#Collection(Exchange.ByteArrayType)");
      g.writeArrayFieldStart(name);
      for (Bytes b : l.values()) {
        g.writeStartObject();
        g.writeFieldName("Data");
        writeNumbers(g, b);
        g.writeEndObject();
      }
      g.writeEndArray();
    } else if (value instanceof ParameterValue.Null) {
      g.writeNullField(name);
    } else {
      throw new IllegalArgumentException("unknown parameter value type: " + value.getClass());
    }
  }

  private static void writeNumbers(JsonGenerator g, Bytes bytes) throws IOException {
    g.writeStartArray();
    for (int i = 0, n = bytes.size(); i < n; i++) {
      g.writeNumber(bytes.byteAt(i) & 0xFF);
    }
    g.writeEndArray();
  }

  private static int estimate(CmdletCall call) {
    long n = 0;
    for (ParameterValue v : call.parameters().values()) {
      if (v instanceof ParameterValue.ByteArray b) {
        n += 4L * b.value().size();
      } else if (v instanceof ParameterValue.ByteArrayList l) {
        for (Bytes b : l.values()) {
          n += 4L * b.size() + 12;
        }
      }
    }
    return (int) Math.min(n, 1 << 26);
  }
}
