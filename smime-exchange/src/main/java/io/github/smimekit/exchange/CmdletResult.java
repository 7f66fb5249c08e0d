package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What one cmdlet run returned: the objects of every page, the warnings, and how it went.
 *
 * @param cmdlet the cmdlet name
 * @param values the objects of the {@code "value"} arrays, all pages in order
 * @param warnings {@code @adminapi.warnings} of all pages (for example "no settings of ... have
 *     been modified")
 * @param requestId the {@code request-id} header of the last response, if any
 * @param attempts how many HTTP requests were sent (pages, retries and redirects counted)
 */
public record CmdletResult(
    String cmdlet,
    List<ResultObject> values,
    List<String> warnings,
    Optional<String> requestId,
    int attempts) {
  public CmdletResult {
    requireNonNull(cmdlet, "cmdlet");
    values = List.copyOf(values);
    warnings = List.copyOf(warnings);
    requireNonNull(requestId, "requestId");
  }

  /**
   * Whether a warning says the command changed nothing ("The command completed successfully but no
   * settings of '...' have been modified.").
   */
  public boolean reportedNoChange() {
    return warnings.stream()
        .anyMatch(w -> w.contains("have been modified") && w.contains("no settings"));
  }
}
