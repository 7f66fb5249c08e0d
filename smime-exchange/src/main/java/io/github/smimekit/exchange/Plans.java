package io.github.smimekit.exchange;

import io.github.smimekit.exchange.internal.plan.PlanJson;
import io.github.smimekit.exchange.internal.plan.PlanText;

/** Renders a {@link Plan} as readable text or as JSON. */
public final class Plans {
  private Plans() {}

  /**
   * The change table, in the style of {@code terraform plan}: {@code +} added, {@code -} removed, a
   * blank kept, with thumbprints, subjects and expiry, the findings, and a summary line.
   *
   * @param plan the plan
   * @return the text (LF line ends)
   */
  public static String text(Plan plan) {
    return PlanText.render(plan);
  }

  /**
   * The plan as one JSON document: {@code {"at", "summary", "operations": [{"cmdlet", "identity",
   * ...}], "issuingCa": {...}, "recipients": [{"type", "identity", "status", "changes",
   * "findings"}], "findings"}}. Byte values appear as SHA-1 thumbprints and sizes, never in full.
   *
   * @param plan the plan
   * @return the JSON text, pretty-printed, ending in a line feed
   */
  public static String json(Plan plan) {
    return PlanJson.render(plan);
  }

  /**
   * The document of {@link #json} as maps (insertion-ordered), lists, strings, numbers, booleans
   * and nulls, to embed in a larger JSON document.
   *
   * @param plan the plan
   * @return the tree
   */
  public static java.util.Map<String, Object> jsonTree(Plan plan) {
    return PlanJson.tree(plan);
  }
}
