package io.github.smimekit.exchange.internal.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.smimekit.exchange.ResultObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reads Admin API response bodies: pages, OData errors, {@code $batch} answers. */
public final class Responses {
  /** The mapper used for reading (immutable once built; no default typing). */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(64)
                          .maxStringLength(50_000_000)
                          .build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final TypeReference<Map<String, @Nullable Object>> MAP = new TypeReference<>() {};

  private Responses() {}

  /** Thrown for a body that is not the JSON expected. */
  public static final class BadResponse extends Exception {
    private static final long serialVersionUID = 1L;

    BadResponse(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  /** Parses {@code body} as JSON. */
  public static JsonNode tree(byte[] body) throws BadResponse {
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null || n.isMissingNode()) {
        throw new BadResponse("empty body", null);
      }
      return n;
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new BadResponse(
          at == null
              ? "not JSON within the parser's limits"
              : "not JSON at line " + at.getLineNr() + " column " + at.getColumnNr(),
          e);
    } catch (IOException e) {
      throw new BadResponse("not JSON", e);
    }
  }

  /** Reads a successful page. */
  public static Page page(JsonNode root) throws BadResponse {
    if (!root.isObject()) {
      throw new BadResponse("response is not a JSON object", null);
    }
    List<ResultObject> values = new ArrayList<>();
    JsonNode value = root.get("value");
    if (value != null && !value.isNull()) {
      if (!value.isArray()) {
        throw new BadResponse("'value' is not an array", null);
      }
      for (JsonNode item : value) {
        if (!item.isObject()) {
          throw new BadResponse("'value' holds a non-object", null);
        }
        values.add(ResultObject.of(MAPPER.convertValue(item, MAP)));
      }
    }
    Optional<String> next = Optional.empty();
    JsonNode nl = root.get("@odata.nextLink");
    if (nl != null && !nl.isNull()) {
      if (!nl.isTextual()) {
        throw new BadResponse("'@odata.nextLink' is not a string", null);
      }
      next = Optional.of(nl.asText());
    }
    return new Page(
        values,
        next,
        strings(root.get("@adminapi.warnings")),
        strings(root.get("@adminapi.errors")));
  }

  private static List<String> strings(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      for (JsonNode x : n) {
        out.add(x.isTextual() ? x.asText() : errorText(x));
      }
    } else {
      out.add(n.isTextual() ? n.asText() : errorText(n));
    }
    return out;
  }

  private static String errorText(JsonNode x) {
    // @adminapi.errors items may be objects; prefer their message
    for (String f : new String[] {"Message", "message", "ErrorMessage"}) {
      JsonNode m = x.get(f);
      if (m != null && m.isTextual()) {
        return m.asText();
      }
    }
    return x.toString();
  }

  /**
   * An OData error body, read as the module does (spec §2.0): the message from {@code
   * error.details[0].message} (itself JSON in one of two shapes), else {@code
   * error.innererror.internalexception.message}, else {@code error.message}.
   *
   * @param code {@code error.code}
   * @param message the best message
   * @param typeName the exception type named ({@code TypeName}, {@code ClassName}, or the {@code
   *     stringId|ClassName|Message} pipe form's class)
   */
  public record ODataError(
      Optional<String> code, Optional<String> message, Optional<String> typeName) {
    /** No error information. */
    public static ODataError none() {
      return new ODataError(Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  /**
   * Reads an OData error body; never throws (an unreadable body gives its first line as message).
   */
  public static ODataError error(byte[] body) {
    JsonNode root;
    try {
      root = tree(body);
    } catch (BadResponse e) {
      String text =
          new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8)
              .trim();
      return new ODataError(
          Optional.empty(),
          text.isEmpty() ? Optional.empty() : Optional.of(text),
          Optional.empty());
    }
    JsonNode error = root.get("error");
    if (error == null || !error.isObject()) {
      return ODataError.none();
    }
    Optional<String> code = text(error.get("code"));
    Optional<String> message = Optional.empty();
    Optional<String> type = Optional.empty();
    JsonNode details = error.get("details");
    if (details != null && details.isArray() && details.size() > 0) {
      Optional<String> raw = text(details.get(0).get("message"));
      if (raw.isPresent()) {
        String r = raw.get().trim();
        if (r.startsWith("{")) {
          try {
            JsonNode inner = MAPPER.readTree(r);
            message = text(inner.get("Message"));
            type = text(inner.get("TypeName")).or(() -> text(inner.get("ClassName")));
            JsonNode ls = inner.get("localizedString");
            if (message.isEmpty() && ls != null) {
              message = text(ls.get("stringId"));
            }
          } catch (IOException e) {
            message = Optional.of(r);
          }
        } else if (r.chars().filter(c -> c == '|').count() >= 2) {
          String[] parts = r.split("\\|", 3);
          type = Optional.of(parts[1]);
          message = Optional.of(parts[2]);
        } else {
          message = Optional.of(r);
        }
      }
    }
    if (message.isEmpty()) {
      JsonNode inner = error.get("innererror");
      if (inner != null) {
        JsonNode ie = inner.get("internalexception");
        message = ie != null ? text(ie.get("message")) : Optional.empty();
        if (message.isEmpty()) {
          message = text(inner.get("message"));
        }
      }
    }
    if (message.isEmpty()) {
      message = text(error.get("message"));
    }
    return new ODataError(code, message, type);
  }

  private static Optional<String> text(@Nullable JsonNode n) {
    return n != null && n.isTextual() && !n.asText().isEmpty()
        ? Optional.of(n.asText())
        : Optional.empty();
  }
}
