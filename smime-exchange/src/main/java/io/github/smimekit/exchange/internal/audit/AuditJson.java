package io.github.smimekit.exchange.internal.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.smimekit.core.Severity;
import io.github.smimekit.exchange.AuditReport;
import io.github.smimekit.exchange.AuditedCertificate;
import io.github.smimekit.exchange.AuditedRecipient;
import io.github.smimekit.exchange.ExchangeFinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON rendering of an audit report (field names documented on {@code AuditReports}). */
public final class AuditJson {
  private static final ObjectWriter JSON =
      JsonMapper.builder()
          .build()
          .writer(
              new DefaultPrettyPrinter()
                  .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                  .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private AuditJson() {}

  /** Renders {@code r}. */
  public static String render(AuditReport r) {
    try {
      return JSON.writeValueAsString(tree(r)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** The report as maps and lists. */
  public static Map<String, Object> tree(AuditReport r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("at", r.at().toString());
    doc.put("clean", r.clean());
    Map<String, Object> counts = new LinkedHashMap<>();
    for (Severity s : List.of(Severity.ERROR, Severity.WARNING, Severity.INFO)) {
      counts.put(s.name().toLowerCase(Locale.ROOT), r.count(s));
    }
    doc.put("counts", counts);
    doc.put("findings", findings(r.findings()));
    List<Object> recipients = new ArrayList<>();
    for (AuditedRecipient a : r.recipients()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", a.recipient().type().jsonName());
      m.put("identity", a.recipient().identity());
      m.put("primarySmtpAddress", a.recipient().primarySmtpAddress());
      m.put("userCertificateValues", a.recipient().userCertificates().size());
      m.put("userSMimeCertificateValues", a.recipient().userSMimeCertificates().size());
      m.put("findings", findings(a.findings()));
      m.put("certificates", certificates(a.certificates()));
      recipients.add(m);
    }
    doc.put("recipients", recipients);
    Map<String, Object> store = new LinkedHashMap<>();
    store.put("present", r.store().store().isPresent());
    store.put("bytes", r.store().store().map(b -> b.size()).orElse(0));
    store.put("findings", findings(r.store().findings()));
    store.put("certificates", certificates(r.store().certificates()));
    doc.put("store", store);
    return doc;
  }

  private static List<Object> certificates(List<AuditedCertificate> cs) {
    List<Object> out = new ArrayList<>();
    for (AuditedCertificate c : cs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sha1", c.sha1().hex());
      m.put("subject", c.subject());
      m.put("notAfter", c.notAfter().toString());
      m.put("emails", c.emails());
      m.put("findings", findings(c.findings()));
      out.add(m);
    }
    return out;
  }

  private static List<Object> findings(List<ExchangeFinding> fs) {
    List<Object> out = new ArrayList<>();
    for (ExchangeFinding f : fs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
      m.put("code", f.code());
      m.put("message", f.message());
      out.add(m);
    }
    return out;
  }
}
