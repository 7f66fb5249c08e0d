package io.github.smimekit.exchange.internal.powershell;

import io.github.smimekit.exchange.ScriptConnect;

/** The lines every script starts with. */
final class Preamble {
  private Preamble() {}

  static void requires(StringBuilder b) {
    b.append("#Requires -Version 7.0\n");
    b.append("# PowerShell 7 only: Windows PowerShell 5.1 fails on this script because the\n");
    b.append(
        "# ExchangeOnlineManagement module declares UInt32 parameters as [uint], a type that\n");
    b.append("# exists only in PowerShell 7 (\"Unable to find type [uint]\").\n");
  }

  static void strict(StringBuilder b) {
    b.append("$ErrorActionPreference = 'Stop'\n");
    b.append("Set-StrictMode -Version 3.0\n");
  }

  static void connect(StringBuilder b, ScriptConnect connect) {
    if (connect instanceof ScriptConnect.Delegated d) {
      b.append("\n# Sign in as an administrator (interactive).\n");
      b.append("Connect-ExchangeOnline -UserPrincipalName ")
          .append(PsText.quote(d.userPrincipalName()))
          .append(" -ShowBanner:$false\n");
    } else if (connect instanceof ScriptConnect.AppOnly a) {
      b.append("\n# Sign in app-only with the certificate of the local certificate store.\n");
      b.append("Connect-ExchangeOnline -CertificateThumbprint ")
          .append(PsText.quote(a.certificateThumbprint()))
          .append(" -AppId ")
          .append(PsText.quote(a.appId()))
          .append(" -Organization ")
          .append(PsText.quote(a.organization()))
          .append(" -ShowBanner:$false\n");
    }
  }
}
