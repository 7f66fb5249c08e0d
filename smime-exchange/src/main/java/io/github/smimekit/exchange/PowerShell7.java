package io.github.smimekit.exchange;

import io.github.smimekit.exchange.internal.powershell.ExportScript;
import io.github.smimekit.exchange.internal.powershell.PublishScript;
import java.util.List;

/**
 * Renders plans and operations as self-contained PowerShell 7 scripts for the
 * ExchangeOnlineManagement module. Every string is a single-quoted literal with every quote
 * character doubled (U+0027 and U+2018–U+201B); bytes are base64 literals decoded with {@code
 * [Convert]::FromBase64String}; after every {@code Set-*} the script reads the value back and
 * throws with the recipient and the missing thumbprints when it differs; a contact is created only
 * when it does not exist. The same input gives the same script, byte for byte.
 */
public final class PowerShell7 {
  private PowerShell7() {}

  /**
   * The publication script of a plan (its operations; blocked recipients have none).
   *
   * @param plan the plan
   * @param connect the sign-in preamble
   * @return the script text (LF line ends)
   */
  public static String script(Plan plan, ScriptConnect connect) {
    return PublishScript.render(plan, connect);
  }

  /**
   * A script of operations, in order.
   *
   * @param operations the operations
   * @param connect the sign-in preamble
   * @return the script text (LF line ends)
   */
  public static String script(List<ExchangeOperation> operations, ScriptConnect connect) {
    return PublishScript.render(operations, connect);
  }

  /**
   * A script that writes the tenant's current state as a {@code --current} file: every mailbox,
   * mail user and mail contact with its addresses and certificate attributes (base64), and the
   * issuing-CA store.
   *
   * @param connect the sign-in preamble
   * @return the script text (LF line ends)
   */
  public static String exportScript(ScriptConnect connect) {
    return ExportScript.render(connect);
  }
}
