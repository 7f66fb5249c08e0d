#Requires -Version 7.0
# PowerShell 7 only: Windows PowerShell 5.1 fails on this script because the
# ExchangeOnlineManagement module declares UInt32 parameters as [uint], a type that
# exists only in PowerShell 7 ("Unable to find type [uint]").
#
# smimekit: publish S/MIME certificates to Exchange Online.
# Planned for 2026-06-01T00:00:00Z.
# This script changes:
#   ~ issuing-CA store (Set-SmimeConfig): SMIMECertificateIssuingCA +1 -1 (2 kept)
#   ~ Mailbox 'carol@contoso.example': UserCertificate +1 -1 (1 kept)
#   ~ Mailbox 'frank@contoso.example': UserSMimeCertificate +0 -1 (0 kept)
#   + MailContact 'bob@fabrikam.example' (created): UserCertificate +1 -0 (0 kept)
# Blocked, not changed (see the plan's findings):
#   ! Mailbox 'dave@contoso.example'
#
# Safe to run again: contacts are created only when absent, lists are set in full,
# and every change is read back (the script stops with an error when it differs).

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# Sign in app-only with the certificate of the local certificate store.
Connect-ExchangeOnline -CertificateThumbprint '0123456789ABCDEF0123456789ABCDEF01234567' -AppId '11111111-2222-3333-4444-555555555555' -Organization 'contoso.onmicrosoft.com' -ShowBanner:$false

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

# [1/5] issuing-CA store: 226363DBA801A0D355AF7FFA90BC4CDAAF3719A0, 37E12F7D09ABA663BCF0DBC3B6AB746E2262F9B6, 537A9E28CDFCF7C575022475B57D6AC74D581FB9
$issuingCa = [Convert]::FromBase64String('AAAAAENFUlQgAAAAAQAAAMsBAAAwggHHMIIBbqADAgECAhBQaBsn0NHdKDoGGMnJbIHfMAoGCCqGSM49BAMCMDIxFjAUBgNVBAoMDXNtaW1la2l0IHRlc3QxGDAWBgNVBAMMD0NvbnRvc28gUm9vdCBDQTAeFw0yNTEyMzEwMDAwMDBaFw0zMDEyMzEwMDAwMDBaMDUxFjAUBgNVBAoMDXNtaW1la2l0IHRlc3QxGzAZBgNVBAMMEkNvbnRvc28gSXNzdWluZyBDQTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABEPUB3cuDCULdjNzQ6nLq0ntO3EEJwmt5KUjPn60/bbbmj/BxR6lK4M6qeySVuVpWK0qzsfQ+SilIMa4WWgITP2jYzBhMA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgEGMB0GA1UdDgQWBBRwQHVGV5ZsoEwV2zaF7PaETclrYzAfBgNVHSMEGDAWgBTVLl8LsV7WuhkM0XLQ9oNTg1iIzTAKBggqhkjOPQQDAgNHADBEAiA+47ou/VNKhLgPWnbZWL7NPyb7aZButU7oGLjmD0X4eQIgRDqcAsRPVTHrdbLNAPIjd2OuCsUIjONk2SXfh2KyQLMgAAAAAQAAAMkBAAAwggHFMIIBa6ADAgECAhBZXfXuL/5MLdKgYpRbsjIyMAoGCCqGSM49BAMCMDIxFjAUBgNVBAoMDXNtaW1la2l0IHRlc3QxGDAWBgNVBAMMD0NvbnRvc28gUm9vdCBDQTAeFw0yNTEyMzEwMDAwMDBaFw0zNTEyMzAwMDAwMDBaMDIxFjAUBgNVBAoMDXNtaW1la2l0IHRlc3QxGDAWBgNVBAMMD0NvbnRvc28gUm9vdCBDQTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABGqrteAYfqp9RDlv5w8/gmp1Jn4VCM+mTIsulf4EUOW+ODtKBQBlvgJipGdvSHywQeZ/mhxkWGbNtIcvfi3wGPmjYzBhMA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgEGMB0GA1UdDgQWBBTVLl8LsV7WuhkM0XLQ9oNTg1iIzTAfBgNVHSMEGDAWgBTVLl8LsV7WuhkM0XLQ9oNTg1iIzTAKBggqhkjOPQQDAgNIADBFAiEAvz4SC2e5LDWMkUPUsWhf2pRQwXKPdYf0sx5N7H+DwwMCICQj5UnZlZZrUQG0Q5wLP/tshBVBE2Pr9MEa7RbE2YoZIAAAAAEAAADMAQAAMIIByDCCAW2gAwIBAgIQYa3X4rIa4eAptfuwj8SVxzAKBggqhkjOPQQDAjAzMRYwFAYDVQQKDA1zbWltZWtpdCB0ZXN0MRkwFwYDVQQDDBBGYWJyaWthbSBSb290IENBMB4XDTI1MTIzMTAwMDAwMFoXDTM1MTIzMDAwMDAwMFowMzEWMBQGA1UECgwNc21pbWVraXQgdGVzdDEZMBcGA1UEAwwQRmFicmlrYW0gUm9vdCBDQTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABEvzNbsz1mhM+SLOU9ouks+ysfrr4xWLkS5jV+Jj8s9sbJYjR4BO9fOksWm8M/FLnB2vI7BefA728tPUvhQ6R76jYzBhMA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgEGMB0GA1UdDgQWBBRo5BhUC5owm+EKdO0k7pr+F4q+OjAfBgNVHSMEGDAWgBRo5BhUC5owm+EKdO0k7pr+F4q+OjAKBggqhkjOPQQDAgNJADBGAiEAtejVDQ6gUCCvTkllqgcVxhOoW5rnGOPKjF9QlA2cehUCIQCAlhcpDpSZmq+zevqYwDx0AitmLGL/BOZazDHgRkVtnQAAAAAAAAAAAAAAAA==')
Set-SmimeConfig -SMIMECertificateIssuingCA $issuingCa
Assert-IssuingCa -Actual (Get-SmimeConfig).SMIMECertificateIssuingCA -Expected $issuingCa -Thumbprints @('226363DBA801A0D355AF7FFA90BC4CDAAF3719A0', '37E12F7D09ABA663BCF0DBC3B6AB746E2262F9B6', '537A9E28CDFCF7C575022475B57D6AC74D581FB9')

# [2/5] Mailbox 'carol@contoso.example': UserCertificate = D0400817A858AA9DBC3C2266B65055252DE4A48F, 93651CA00F4F22A413DBF76147F0F309D6D71C40
$values = [System.Collections.Generic.List[byte[]]]::new()
$values.Add([Convert]::FromBase64String('MIICBDCCAaqgAwIBAgIQXzix0z9k/x3YezdrShf91jAKBggqhkjOPQQDAjA1MRYwFAYDVQQKDA1zbWltZWtpdCB0ZXN0MRswGQYDVQQDDBJDb250b3NvIElzc3VpbmcgQ0EwHhcNMjYwNTE1MDAwMDAwWhcNMjcwNTE1MDAwMDAwWjA4MRYwFAYDVQQKDA1zbWltZWtpdCB0ZXN0MR4wHAYDVQQDDBVjYXJvbEBjb250b3NvLmV4YW1wbGUwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAR6a/zBdngqeDmey8vBmbtubHm8Ubsk1wbBAxCZ+5+X+qqsIdtITwsOk8nT6jbUarHto+1c4Mqh4hej5tnk6PRao4GYMIGVMAwGA1UdEwEB/wQCMAAwDgYDVR0PAQH/BAQDAgOIMBMGA1UdJQQMMAoGCCsGAQUFBwMEMCAGA1UdEQQZMBeBFWNhcm9sQGNvbnRvc28uZXhhbXBsZTAdBgNVHQ4EFgQUf9cFO5xFdZ4IBiVAsDPd8kehpWAwHwYDVR0jBBgwFoAUcEB1RleWbKBMFds2hez2hE3Ja2MwCgYIKoZIzj0EAwIDSAAwRQIgR897f/BEgRF+b8OjHqmaaCofBxwva31EI76K0dBcWfICIQDd/kQbpjyxU4cb4DtUS4Wkkx/oRXykqLm6NVwT9wqmVg=='))
$values.Add([Convert]::FromBase64String('MIICBTCCAaqgAwIBAgIQQj0myZsdXYdg9C+56p+SrDAKBggqhkjOPQQDAjA1MRYwFAYDVQQKDA1zbWltZWtpdCB0ZXN0MRswGQYDVQQDDBJDb250b3NvIElzc3VpbmcgQ0EwHhcNMjUwNzAxMDAwMDAwWhcNMjYwNzAxMDAwMDAwWjA4MRYwFAYDVQQKDA1zbWltZWtpdCB0ZXN0MR4wHAYDVQQDDBVjYXJvbEBjb250b3NvLmV4YW1wbGUwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASzAje6HQJCgqqLALY4Agz8hd5s6eWmheOhMORwj9xEqRJHbEhGNz1C+a0Y3JsCcUDJ09hOn84w+adsSa3twMy5o4GYMIGVMAwGA1UdEwEB/wQCMAAwDgYDVR0PAQH/BAQDAgOIMBMGA1UdJQQMMAoGCCsGAQUFBwMEMCAGA1UdEQQZMBeBFWNhcm9sQGNvbnRvc28uZXhhbXBsZTAdBgNVHQ4EFgQUCARwjGcOBTpPy0bCoDCLoqlDcTUwHwYDVR0jBBgwFoAUcEB1RleWbKBMFds2hez2hE3Ja2MwCgYIKoZIzj0EAwIDSQAwRgIhAJi7BLhiznk0EZILiXFL5c243uAdv8tc+pFJhxGHbAP3AiEArYHhlKrGMZfww8H0I2Dtu6d9TBEDD8KxNLUz1KDAcwk='))
Set-Mailbox -Identity 'carol@contoso.example' -UserCertificate $values
$recipient = Get-Mailbox -Identity 'carol@contoso.example'
Assert-Thumbprints -Recipient 'carol@contoso.example' -Attribute 'UserCertificate' -Values $recipient.UserCertificate -Expected @('D0400817A858AA9DBC3C2266B65055252DE4A48F', '93651CA00F4F22A413DBF76147F0F309D6D71C40')

# [3/5] Mailbox 'frank@contoso.example': clear UserSMimeCertificate
Set-Mailbox -Identity 'frank@contoso.example' -UserSMimeCertificate $null
$recipient = Get-Mailbox -Identity 'frank@contoso.example'
Assert-Thumbprints -Recipient 'frank@contoso.example' -Attribute 'UserSMimeCertificate' -Values $recipient.UserSMimeCertificate -Expected @()

# [4/5] MailContact 'bob@fabrikam.example': create when absent
if ($null -eq (Get-MailContact -Identity 'bob@fabrikam.example' -ErrorAction SilentlyContinue)) {
  New-MailContact -Name 'Bob Partner' -ExternalEmailAddress 'bob@fabrikam.example'
}

# [5/5] MailContact 'bob@fabrikam.example': UserCertificate = 981DFE4E1EA74D2A86841DB5FD9C7C0AB043C16C
$values = [System.Collections.Generic.List[byte[]]]::new()
$values.Add([Convert]::FromBase64String('MIIB/zCCAaagAwIBAgIQZEqLfDpQ+sECw6mcTGNbcjAKBggqhkjOPQQDAjAzMRYwFAYDVQQKDA1zbWltZWtpdCB0ZXN0MRkwFwYDVQQDDBBGYWJyaWthbSBSb290IENBMB4XDTI2MDEwMTAwMDAwMFoXDTI3MDEwMTAwMDAwMFowNzEWMBQGA1UECgwNc21pbWVraXQgdGVzdDEdMBsGA1UEAwwUYm9iQGZhYnJpa2FtLmV4YW1wbGUwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATZgAf67AJZcYaLoeA00vQgFJVC5tKyPbMJS7PthlwZH7zJ+80zYOBkzrahEostaxSNFayCKJfZi0BL8JFcVheFo4GXMIGUMAwGA1UdEwEB/wQCMAAwDgYDVR0PAQH/BAQDAgOIMBMGA1UdJQQMMAoGCCsGAQUFBwMEMB8GA1UdEQQYMBaBFGJvYkBmYWJyaWthbS5leGFtcGxlMB0GA1UdDgQWBBQCS9NyZSqCWssGHAoP5o+khqp9/DAfBgNVHSMEGDAWgBRo5BhUC5owm+EKdO0k7pr+F4q+OjAKBggqhkjOPQQDAgNHADBEAiARBxSFKmtufc0m3PvfOuuzngdggfdF6bNTZdixoLuZ2AIgSKt6h0n1dxV8JLIkHemgZml1sV6WG8QH1SxlhKuJOhc='))
Set-MailContact -Identity 'bob@fabrikam.example' -UserCertificate $values
$recipient = Get-MailContact -Identity 'bob@fabrikam.example'
Assert-Thumbprints -Recipient 'bob@fabrikam.example' -Attribute 'UserCertificate' -Values $recipient.UserCertificate -Expected @('981DFE4E1EA74D2A86841DB5FD9C7C0AB043C16C')

Write-Host 'Done: 5 change(s) verified.'
