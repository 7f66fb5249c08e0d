package io.github.smimekit.testing.exchange;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request the fake received, as it came over the wire.
 *
 * @param server the base URI of the server that received it (tells a redirect target apart)
 * @param method the HTTP method
 * @param target the request target: path and query, as sent
 * @param headers the headers, names in lower case, values in order
 * @param body the body, decoded as UTF-8
 */
public record RecordedRequest(
    String server, String method, String target, Map<String, List<String>> headers, String body) {
  public RecordedRequest {
    requireNonNull(server, "server");
    requireNonNull(method, "method");
    requireNonNull(target, "target");
    Map<String, List<String>> copy = new TreeMap<>();
    headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    headers = java.util.Collections.unmodifiableMap(copy);
    requireNonNull(body, "body");
  }

  /** The first value of header {@code name} (any case). */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.of("").filter(x -> false) : Optional.of(v.get(0));
  }

  /** The path without the query. */
  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  @Override
  public String toString() {
    // the Authorization header is a secret even in a fake
    return "RecordedRequest[" + method + " " + server + target + ", " + body.length() + " chars]";
  }
}
