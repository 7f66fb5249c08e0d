package io.github.smimekit.exchange.internal.powershell;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.exchange.CertificateChange;
import io.github.smimekit.exchange.CmdletCall;
import io.github.smimekit.exchange.ExchangeOperation;
import io.github.smimekit.exchange.GetRecipient;
import io.github.smimekit.exchange.GetSmimeConfig;
import io.github.smimekit.exchange.NewMailContact;
import io.github.smimekit.exchange.ParameterValue;
import io.github.smimekit.exchange.Plan;
import io.github.smimekit.exchange.RecipientPlan;
import io.github.smimekit.exchange.RecipientStatus;
import io.github.smimekit.exchange.RecipientType;
import io.github.smimekit.exchange.ScriptConnect;
import io.github.smimekit.exchange.SetIssuingCa;
import io.github.smimekit.exchange.SetSmimeConfig;
import io.github.smimekit.exchange.SetUserCertificates;
import io.github.smimekit.exchange.SetUserSMimeCertificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders operations as a PowerShell 7 script (see {@link
 * io.github.smimekit.exchange.PowerShell7}).
 */
public final class PublishScript {
  private final StringBuilder b = new StringBuilder();
  private int step;
  private int total;

  private PublishScript() {}

  /** The script of a plan. */
  public static String render(Plan plan, ScriptConnect connect) {
    PublishScript s = new PublishScript();
    List<String> header = new ArrayList<>();
    header.add("Planned for " + plan.at() + ".");
    if (plan.isEmpty()) {
      header.add("Nothing to change: the tenant already holds the desired state.");
    } else {
      header.add("This script changes:");
      if (plan.caStore().operation().isPresent()) {
        header.add("  ~ issuing-CA store (Set-SmimeConfig): " + counts(plan.caStore().changes()));
      }
      for (RecipientPlan r : plan.recipients()) {
        if (r.status() == RecipientStatus.CREATE || r.status() == RecipientStatus.CHANGE) {
          String sym = r.status() == RecipientStatus.CREATE ? "+" : "~";
          header.add(
              "  "
                  + sym
                  + " "
                  + r.type().jsonName()
                  + " '"
                  + r.identity().value()
                  + "'"
                  + (r.status() == RecipientStatus.CREATE ? " (created)" : "")
                  + ": "
                  + counts(r.changes()));
        }
      }
    }
    List<RecipientPlan> blocked = plan.recipients(RecipientStatus.BLOCKED);
    if (!blocked.isEmpty()) {
      header.add("Blocked, not changed (see the plan's findings):");
      for (RecipientPlan r : blocked) {
        header.add("  ! " + r.type().jsonName() + " '" + r.identity().value() + "'");
      }
    }
    return s.render(header, plan.operations(), connect);
  }

  /** The script of a list of operations. */
  public static String render(List<ExchangeOperation> operations, ScriptConnect connect) {
    List<String> header = new ArrayList<>();
    if (operations.isEmpty()) {
      header.add("Nothing to change.");
    } else {
      header.add("This script runs:");
      for (ExchangeOperation op : operations) {
        CmdletCall call = op.toCmdletCall();
        header.add(
            "  "
                + call.cmdlet()
                + op.recipient().map(r -> " '" + r.value() + "'").orElse("")
                + (call.parameters().isEmpty()
                    ? ""
                    : " -" + String.join(" -", call.parameters().keySet())));
      }
    }
    return new PublishScript().render(header, operations, connect);
  }

  @SuppressWarnings("EnumOrdinal") // a counter per kind, in declaration order
  private static String counts(List<CertificateChange> changes) {
    Map<String, int[]> byAttribute = new java.util.TreeMap<>();
    for (CertificateChange c : changes) {
      int[] n = byAttribute.computeIfAbsent(c.attribute(), k -> new int[3]);
      n[c.kind().ordinal()]++;
    }
    List<String> parts = new ArrayList<>();
    byAttribute.forEach(
        (attribute, n) -> {
          if (n[0] + n[1] > 0) {
            parts.add(attribute + " +" + n[0] + " -" + n[1] + " (" + n[2] + " kept)");
          }
        });
    return parts.isEmpty() ? "no certificate change" : String.join(", ", parts);
  }

  private String render(List<String> header, List<ExchangeOperation> ops, ScriptConnect connect) {
    Preamble.requires(b);
    b.append("#\n");
    b.append("# smimekit: publish S/MIME certificates to Exchange Online.\n");
    for (String line : header) {
      b.append("# ").append(PsText.comment(line)).append('\n');
    }
    b.append("#\n");
    b.append(
        "# Safe to run again: contacts are created only when absent, lists are set in full,\n");
    b.append("# and every change is read back (the script stops with an error when it differs).\n");
    b.append('\n');
    Preamble.strict(b);
    Preamble.connect(b, connect);
    if (!ops.isEmpty()) {
      helpers();
    }
    total = ops.size();
    for (ExchangeOperation op : ops) {
      step++;
      b.append('\n');
      operation(op);
    }
    if (!ops.isEmpty()) {
      b.append("\nWrite-Host ")
          .append(PsText.quote("Done: " + total + " change(s) verified."))
          .append('\n');
    }
    return b.toString();
  }

  private void helpers() {
    b.append(
        """

        function Get-Sha1Thumbprint([byte[]] $Bytes) {
          $sha1 = [System.Security.Cryptography.SHA1]::Create()
          try {
            return [System.BitConverter]::ToString($sha1.ComputeHash($Bytes)).Replace('-', '')
          } finally {
            $sha1.Dispose()
          }
        }

        function Assert-Thumbprints([string] $Recipient, [string] $Attribute, [object] $Values, [string[]] $Expected) {
          $actual = @(foreach ($v in @($Values)) { if ($null -ne $v) { Get-Sha1Thumbprint ([byte[]] $v) } })
          $missing = @($Expected | Where-Object { $actual -notcontains $_ })
          $unexpected = @($actual | Where-Object { $Expected -notcontains $_ })
          if ($missing.Count -gt 0 -or $unexpected.Count -gt 0) {
            throw ("{0}: {1} differs after the change; missing: {2}; unexpected: {3}" -f $Recipient, $Attribute, ($missing -join ', '), ($unexpected -join ', '))
          }
        }

        function Assert-IssuingCa([object] $Actual, [byte[]] $Expected, [string[]] $Thumbprints) {
          $bytes = [byte[]] @($Actual)
          if ([Convert]::ToBase64String($bytes) -ne [Convert]::ToBase64String($Expected)) {
            throw ("issuing-CA store differs after Set-SmimeConfig; expected the CA certificates {0}" -f ($Thumbprints -join ', '))
          }
        }

        function Assert-Setting([string] $Name, [object] $Actual, [object] $Expected) {
          if ([string] $Actual -ne [string] $Expected) {
            throw ("Set-SmimeConfig -{0} is '{1}' after the change, expected '{2}'" -f $Name, $Actual, $Expected)
          }
        }
        """);
  }

  private void comment(String text) {
    b.append("# [").append(step).append('/').append(total).append("] ");
    b.append(PsText.comment(text)).append('\n');
  }

  private void operation(ExchangeOperation op) {
    if (op instanceof NewMailContact c) {
      comment("MailContact '" + c.externalEmailAddress() + "': create when absent");
      b.append("if ($null -eq (Get-MailContact -Identity ")
          .append(PsText.quote(c.externalEmailAddress()))
          .append(" -ErrorAction SilentlyContinue)) {\n  ");
      invoke(c.toCmdletCall());
      b.append("}\n");
    } else if (op instanceof SetUserCertificates s) {
      comment(
          s.type().jsonName()
              + " '"
              + s.identity().value()
              + "': "
              + (s.clears()
                  ? "clear UserCertificate"
                  : "UserCertificate = " + String.join(", ", hex(s.thumbprints()))));
      invoke(s.toCmdletCall());
      verify(s.type(), s.identity().value(), "UserCertificate", hex(s.thumbprints()));
    } else if (op instanceof SetUserSMimeCertificate s) {
      comment(
          s.type().jsonName()
              + " '"
              + s.identity().value()
              + "': "
              + (s.clears() ? "clear UserSMimeCertificate" : "set UserSMimeCertificate"));
      invoke(s.toCmdletCall());
      verify(
          s.type(),
          s.identity().value(),
          "UserSMimeCertificate",
          s.blob().map(blob -> List.of(Thumbprint.sha1(blob).hex())).orElse(List.of()));
    } else if (op instanceof SetIssuingCa s) {
      comment("issuing-CA store: " + String.join(", ", hex(s.thumbprints())));
      b.append("$issuingCa = ").append(PsText.bytes(s.store().encode())).append('\n');
      b.append("Set-SmimeConfig -SMIMECertificateIssuingCA $issuingCa\n");
      b.append(
              "Assert-IssuingCa -Actual (Get-SmimeConfig).SMIMECertificateIssuingCA -Expected $issuingCa -Thumbprints ")
          .append(PsText.quoteList(hex(s.thumbprints())))
          .append('\n');
    } else if (op instanceof SetSmimeConfig s) {
      comment("S/MIME settings: " + String.join(", ", s.toCmdletCall().parameters().keySet()));
      CmdletCall call = s.toCmdletCall();
      invoke(call);
      b.append("$smimeConfig = Get-SmimeConfig\n");
      call.parameters()
          .forEach(
              (name, value) ->
                  b.append("Assert-Setting -Name ")
                      .append(PsText.quote(name))
                      .append(" -Actual $smimeConfig.")
                      .append(name)
                      .append(" -Expected ")
                      .append(value(value))
                      .append('\n'));
    } else if (op instanceof GetRecipient g) {
      comment(g.type().jsonName() + " '" + g.identity().value() + "': read");
      invoke(g.toCmdletCall());
    } else if (op instanceof GetSmimeConfig g) {
      comment("S/MIME settings: read");
      invoke(g.toCmdletCall());
    }
  }

  private void verify(
      RecipientType type, String identity, String attribute, List<String> thumbprints) {
    b.append("$recipient = ")
        .append(type.getCmdlet())
        .append(" -Identity ")
        .append(PsText.quote(identity))
        .append('\n');
    b.append("Assert-Thumbprints -Recipient ")
        .append(PsText.quote(identity))
        .append(" -Attribute ")
        .append(PsText.quote(attribute))
        .append(" -Values $recipient.")
        .append(attribute)
        .append(" -Expected ")
        .append(PsText.quoteList(thumbprints))
        .append('\n');
  }

  /** Renders a call, building multi-valued byte lists in a variable first. */
  private void invoke(CmdletCall call) {
    StringBuilder line = new StringBuilder(call.cmdlet());
    for (Map.Entry<String, ParameterValue> p : call.parameters().entrySet()) {
      ParameterValue v = p.getValue();
      if (v instanceof ParameterValue.ByteArrayList list) {
        String var = "$values";
        b.append(var).append(" = [System.Collections.Generic.List[byte[]]]::new()\n");
        for (Bytes value : list.values()) {
          b.append(var).append(".Add(").append(PsText.bytes(value)).append(")\n");
        }
        line.append(" -").append(p.getKey()).append(' ').append(var);
      } else if (v instanceof ParameterValue.Flag f) {
        line.append(" -").append(p.getKey()).append(':').append(f.value() ? "$true" : "$false");
      } else {
        line.append(" -").append(p.getKey()).append(' ').append(value(v));
      }
    }
    b.append(line).append('\n');
  }

  private static String value(ParameterValue v) {
    if (v instanceof ParameterValue.Text t) {
      return PsText.quote(t.value());
    } else if (v instanceof ParameterValue.TextList l) {
      return PsText.quoteList(l.values());
    } else if (v instanceof ParameterValue.Flag f) {
      return f.value() ? "$true" : "$false";
    } else if (v instanceof ParameterValue.UInt32 u) {
      return Long.toString(u.value());
    } else if (v instanceof ParameterValue.ByteArray a) {
      return "(" + PsText.bytes(a.value()) + ")";
    } else if (v instanceof ParameterValue.ByteArrayList l) {
      List<String> items = new ArrayList<>();
      for (Bytes x : l.values()) {
        items.add(PsText.bytes(x));
      }
      return "[byte[][]] @(" + String.join(", ", items) + ")";
    }
    return "$null";
  }

  private static List<String> hex(List<Thumbprint> thumbprints) {
    return thumbprints.stream().map(Thumbprint::hex).toList();
  }
}
