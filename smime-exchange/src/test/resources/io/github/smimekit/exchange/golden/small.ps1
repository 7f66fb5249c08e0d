#Requires -Version 7.0
# PowerShell 7 only: Windows PowerShell 5.1 fails on this script because the
# ExchangeOnlineManagement module declares UInt32 parameters as [uint], a type that
# exists only in PowerShell 7 ("Unable to find type [uint]").
#
# smimekit: publish S/MIME certificates to Exchange Online.
# This script runs:
#   New-MailContact 'bob@fabrikam.example' -Name -ExternalEmailAddress
#   Set-MailContact 'bob@fabrikam.example' -Identity -UserCertificate
#   Set-Mailbox 'alice@contoso.example' -Identity -UserCertificate
#
# Safe to run again: contacts are created only when absent, lists are set in full,
# and every change is read back (the script stops with an error when it differs).

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

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

# [1/3] MailContact 'bob@fabrikam.example': create when absent
if ($null -eq (Get-MailContact -Identity 'bob@fabrikam.example' -ErrorAction SilentlyContinue)) {
  New-MailContact -Name 'Bob O''Brien' -ExternalEmailAddress 'bob@fabrikam.example'
}

# [2/3] MailContact 'bob@fabrikam.example': UserCertificate = 981DFE4E1EA74D2A86841DB5FD9C7C0AB043C16C
$values = [System.Collections.Generic.List[byte[]]]::new()
$values.Add([Convert]::FromBase64String('MIIB/zCCAaagAwIBAgIQZEqLfDpQ+sECw6mcTGNbcjAKBggqhkjOPQQDAjAzMRYwFAYDVQQKDA1zbWltZWtpdCB0ZXN0MRkwFwYDVQQDDBBGYWJyaWthbSBSb290IENBMB4XDTI2MDEwMTAwMDAwMFoXDTI3MDEwMTAwMDAwMFowNzEWMBQGA1UECgwNc21pbWVraXQgdGVzdDEdMBsGA1UEAwwUYm9iQGZhYnJpa2FtLmV4YW1wbGUwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATZgAf67AJZcYaLoeA00vQgFJVC5tKyPbMJS7PthlwZH7zJ+80zYOBkzrahEostaxSNFayCKJfZi0BL8JFcVheFo4GXMIGUMAwGA1UdEwEB/wQCMAAwDgYDVR0PAQH/BAQDAgOIMBMGA1UdJQQMMAoGCCsGAQUFBwMEMB8GA1UdEQQYMBaBFGJvYkBmYWJyaWthbS5leGFtcGxlMB0GA1UdDgQWBBQCS9NyZSqCWssGHAoP5o+khqp9/DAfBgNVHSMEGDAWgBRo5BhUC5owm+EKdO0k7pr+F4q+OjAKBggqhkjOPQQDAgNHADBEAiARBxSFKmtufc0m3PvfOuuzngdggfdF6bNTZdixoLuZ2AIgSKt6h0n1dxV8JLIkHemgZml1sV6WG8QH1SxlhKuJOhc='))
Set-MailContact -Identity 'bob@fabrikam.example' -UserCertificate $values
$recipient = Get-MailContact -Identity 'bob@fabrikam.example'
Assert-Thumbprints -Recipient 'bob@fabrikam.example' -Attribute 'UserCertificate' -Values $recipient.UserCertificate -Expected @('981DFE4E1EA74D2A86841DB5FD9C7C0AB043C16C')

# [3/3] Mailbox 'alice@contoso.example': UserCertificate = E7B57EB8AE0646796C2FEFA12C47EBEC26A287CF
$values = [System.Collections.Generic.List[byte[]]]::new()
$values.Add([Convert]::FromBase64String('MIICAzCCAaqgAwIBAgIQeWvlXjJ2HgTKpj0xPkQJXzAKBggqhkjOPQQDAjA1MRYwFAYDVQQKDA1zbWltZWtpdCB0ZXN0MRswGQYDVQQDDBJDb250b3NvIElzc3VpbmcgQ0EwHhcNMjYwMTAxMDAwMDAwWhcNMjcwMTAxMDAwMDAwWjA4MRYwFAYDVQQKDA1zbWltZWtpdCB0ZXN0MR4wHAYDVQQDDBVhbGljZUBjb250b3NvLmV4YW1wbGUwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAARLEa8xwOYuZodmCQ+ZYEkL3qpCDVxWYzyYW7VKvhB7ReH+O787YVrQ6yYJSdzxq9g+DS+kcH8wNvDhn1N+0vxco4GYMIGVMAwGA1UdEwEB/wQCMAAwDgYDVR0PAQH/BAQDAgOIMBMGA1UdJQQMMAoGCCsGAQUFBwMEMCAGA1UdEQQZMBeBFWFsaWNlQGNvbnRvc28uZXhhbXBsZTAdBgNVHQ4EFgQU5cB8RNn1up2GRCDwWXNm+8xOUQEwHwYDVR0jBBgwFoAUcEB1RleWbKBMFds2hez2hE3Ja2MwCgYIKoZIzj0EAwIDRwAwRAIgbrjfxKbh+6qqiSckNpfF0rAf8k56WfraYwlu4h+14P0CIDS/CC7RGcs7lCPijnhnYJYyykMMKQs5/dea9XGsQvTJ'))
Set-Mailbox -Identity 'alice@contoso.example' -UserCertificate $values
$recipient = Get-Mailbox -Identity 'alice@contoso.example'
Assert-Thumbprints -Recipient 'alice@contoso.example' -Attribute 'UserCertificate' -Values $recipient.UserCertificate -Expected @('E7B57EB8AE0646796C2FEFA12C47EBEC26A287CF')

Write-Host 'Done: 3 change(s) verified.'
