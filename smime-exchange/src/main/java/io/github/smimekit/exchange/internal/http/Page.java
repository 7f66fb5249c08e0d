package io.github.smimekit.exchange.internal.http;

import io.github.smimekit.exchange.ResultObject;
import java.util.List;
import java.util.Optional;

/**
 * One successful response page.
 *
 * @param values the objects of the {@code "value"} array
 * @param nextLink {@code @odata.nextLink}, if any
 * @param warnings {@code @adminapi.warnings}
 * @param errors {@code @adminapi.errors} (non-terminating errors on HTTP 200)
 */
public record Page(
    List<ResultObject> values,
    Optional<String> nextLink,
    List<String> warnings,
    List<String> errors) {
  public Page {
    values = List.copyOf(values);
    warnings = List.copyOf(warnings);
    errors = List.copyOf(errors);
  }
}
