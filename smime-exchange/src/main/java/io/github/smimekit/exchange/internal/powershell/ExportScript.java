package io.github.smimekit.exchange.internal.powershell;

import io.github.smimekit.exchange.ScriptConnect;

/** The export script (see {@link io.github.smimekit.exchange.PowerShell7#exportScript}). */
public final class ExportScript {
  private ExportScript() {}

  /** Renders the export script. */
  public static String render(ScriptConnect connect) {
    StringBuilder b = new StringBuilder();
    Preamble.requires(b);
    b.append(
        """
        #
        # smimekit: write the tenant's S/MIME state as a current-state file for
        #   smime exchange plan --desired desired.json --current current.json
        # Reads every mailbox, mail user and mail contact (addresses, UserCertificate,
        # UserSMimeCertificate) and the issuing-CA store of Get-SmimeConfig. Changes nothing.
        # Certificates are written as base64: ConvertTo-Json's default depth would write
        # byte arrays as the text "System.Byte[]".

        param(
          [string] $OutFile = 'current.json'
        )

        """);
    Preamble.strict(b);
    Preamble.connect(b, connect);
    b.append(
        """

        function ConvertTo-Base64List([object] $Values) {
          $out = [System.Collections.Generic.List[object]]::new()
          foreach ($v in @($Values)) {
            if ($null -ne $v) {
              $out.Add([ordered]@{ base64 = [Convert]::ToBase64String([byte[]] $v) })
            }
          }
          return ,$out.ToArray()
        }

        function ConvertTo-StateRecipient([string] $Type, [object] $R) {
          $primary = [string] $R.PrimarySmtpAddress
          $proxies = @(foreach ($a in @($R.EmailAddresses)) {
            $s = [string] $a
            if ($s -clike 'smtp:*') { $s.Substring(5) }
          })
          $entry = [ordered]@{ type = $Type; identity = $primary }
          if ($Type -eq 'MailContact') {
            $entry.name = [string] $R.Name
            $entry.externalEmailAddress = ([string] $R.ExternalEmailAddress) -replace '^(?i)smtp:', ''
          }
          $entry.primarySmtpAddress = $primary
          $entry.proxyAddresses = $proxies
          $entry.certificates = ConvertTo-Base64List $R.UserCertificate
          $entry.userSMimeCertificate = ConvertTo-Base64List $R.UserSMimeCertificate
          return $entry
        }

        $recipients = [System.Collections.Generic.List[object]]::new()
        foreach ($r in @(Get-Mailbox -ResultSize Unlimited)) {
          $recipients.Add((ConvertTo-StateRecipient 'Mailbox' $r))
        }
        foreach ($r in @(Get-MailUser -ResultSize Unlimited)) {
          $recipients.Add((ConvertTo-StateRecipient 'MailUser' $r))
        }
        foreach ($r in @(Get-MailContact -ResultSize Unlimited)) {
          $recipients.Add((ConvertTo-StateRecipient 'MailContact' $r))
        }

        $state = [ordered]@{ recipients = $recipients.ToArray() }
        $store = (Get-SmimeConfig).SMIMECertificateIssuingCA
        if ($null -ne $store -and @($store).Count -gt 0) {
          $state.issuingCa = [ordered]@{ base64 = [Convert]::ToBase64String([byte[]] @($store)) }
        }

        $json = ConvertTo-Json -InputObject $state -Depth 10
        Set-Content -LiteralPath $OutFile -Value $json -Encoding utf8NoBOM
        Write-Host ('Wrote {0} recipients to {1}' -f $recipients.Count, $OutFile)
        """);
    return b.toString();
  }
}
