package io.github.smimekit.exchange.internal.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.exchange.CertificateChange;
import io.github.smimekit.exchange.CmdletCall;
import io.github.smimekit.exchange.ExchangeFinding;
import io.github.smimekit.exchange.ExchangeOperation;
import io.github.smimekit.exchange.ParameterValue;
import io.github.smimekit.exchange.Plan;
import io.github.smimekit.exchange.RecipientPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON rendering of a plan. */
public final class PlanJson {
  private static final ObjectWriter JSON =
      JsonMapper.builder()
          .build()
          .writer(
              new DefaultPrettyPrinter()
                  .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                  .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private PlanJson() {}

  /** Renders. */
  public static String render(Plan plan) {
    try {
      return JSON.writeValueAsString(tree(plan)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** The plan as maps and lists (for embedding in a larger document). */
  public static Map<String, Object> tree(Plan plan) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("at", plan.at().toString());
    doc.put("summary", PlanText.summary(plan));
    doc.put("blocked", plan.hasBlocked());
    List<Object> ops = new ArrayList<>();
    for (ExchangeOperation op : plan.operations()) {
      ops.add(operation(op));
    }
    doc.put("operations", ops);
    Map<String, Object> ca = new LinkedHashMap<>();
    ca.put("changed", plan.caStore().operation().isPresent());
    ca.put("changes", changes(plan.caStore().changes()));
    ca.put("findings", findings(plan.caStore().findings()));
    doc.put("issuingCa", ca);
    List<Object> recipients = new ArrayList<>();
    for (RecipientPlan r : plan.recipients()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", r.type().jsonName());
      m.put("identity", r.identity().value());
      m.put("status", r.status().jsonName());
      m.put("changes", changes(r.changes()));
      m.put("findings", findings(r.findings()));
      recipients.add(m);
    }
    doc.put("recipients", recipients);
    doc.put("findings", findings(plan.findings()));
    return doc;
  }

  private static Map<String, Object> operation(ExchangeOperation op) {
    CmdletCall call = op.toCmdletCall();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cmdlet", call.cmdlet());
    op.recipient().ifPresent(r -> m.put("identity", r.value()));
    Map<String, Object> params = new LinkedHashMap<>();
    call.parameters().forEach((k, v) -> params.put(k, value(v)));
    m.put("parameters", params);
    return m;
  }

  private static @Nullable Object value(ParameterValue v) {
    if (v instanceof ParameterValue.Text t) {
      return t.value();
    } else if (v instanceof ParameterValue.TextList l) {
      return l.values();
    } else if (v instanceof ParameterValue.Flag f) {
      return f.value();
    } else if (v instanceof ParameterValue.UInt32 u) {
      return u.value();
    } else if (v instanceof ParameterValue.ByteArray a) {
      return bytes(a.value());
    } else if (v instanceof ParameterValue.ByteArrayList l) {
      List<Object> out = new ArrayList<>();
      for (Bytes b : l.values()) {
        out.add(bytes(b));
      }
      return out;
    }
    return null;
  }

  private static Map<String, Object> bytes(Bytes b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sha1", Thumbprint.sha1(b).hex());
    m.put("size", b.size());
    return m;
  }

  private static List<Object> changes(List<CertificateChange> changes) {
    List<Object> out = new ArrayList<>();
    for (CertificateChange c : changes) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("change", c.kind().jsonName());
      m.put("attribute", c.attribute());
      m.put("sha1", c.sha1().hex());
      m.put("subject", c.subject());
      m.put("notAfter", c.notAfter().map(Object::toString).orElse(null));
      out.add(m);
    }
    return out;
  }

  private static List<Object> findings(List<ExchangeFinding> findings) {
    List<Object> out = new ArrayList<>();
    for (ExchangeFinding f : findings) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
      m.put("code", f.code());
      m.put("message", f.message());
      out.add(m);
    }
    return out;
  }

  /** Text safe for a terminal line: control characters escaped. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029') {
        b.append(String.format("\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
