package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The optional {@code Connect-ExchangeOnline} preamble of a rendered script: none (the admin is
 * already connected), delegated (interactive sign-in as a user principal name), or app-only (a
 * certificate in the local store, an app id and the organisation). No secret is ever part of a
 * script: app-only sign-in names the certificate by thumbprint only.
 */
public sealed interface ScriptConnect
    permits ScriptConnect.None, ScriptConnect.Delegated, ScriptConnect.AppOnly {

  /** No preamble. */
  static ScriptConnect none() {
    return None.INSTANCE;
  }

  /** {@code Connect-ExchangeOnline -UserPrincipalName upn}. */
  static ScriptConnect delegated(String userPrincipalName) {
    return new Delegated(userPrincipalName);
  }

  /** {@code Connect-ExchangeOnline -CertificateThumbprint -AppId -Organization}. */
  static ScriptConnect appOnly(String certificateThumbprint, String appId, String organization) {
    return new AppOnly(certificateThumbprint, appId, organization);
  }

  /** No preamble. */
  enum None implements ScriptConnect {
    /** The one value. */
    INSTANCE
  }

  /**
   * Delegated sign-in.
   *
   * @param userPrincipalName the admin's UPN
   */
  record Delegated(String userPrincipalName) implements ScriptConnect {
    /** Validates. */
    public Delegated {
      requireNonNull(userPrincipalName, "userPrincipalName");
      RecipientIdentity.checkText(userPrincipalName, "user principal name", userPrincipalName);
      if (!EmailAddresses.isPlausible(userPrincipalName)) {
        throw new ExchangeException(
            "not a user principal name: '" + userPrincipalName + "'", userPrincipalName);
      }
    }
  }

  /**
   * App-only sign-in with a certificate from the local certificate store.
   *
   * @param certificateThumbprint the certificate's SHA-1 thumbprint (40 hex digits)
   * @param appId the application (client) id, a GUID
   * @param organization the {@code *.onmicrosoft.com} domain
   */
  record AppOnly(String certificateThumbprint, String appId, String organization)
      implements ScriptConnect {
    private static final Pattern THUMBPRINT = Pattern.compile("[0-9A-Fa-f]{40}");
    private static final Pattern GUID =
        Pattern.compile(
            "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
    private static final Pattern DOMAIN =
        Pattern.compile(
            "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    /** Validates. */
    public AppOnly {
      requireNonNull(certificateThumbprint, "certificateThumbprint");
      requireNonNull(appId, "appId");
      requireNonNull(organization, "organization");
      if (!THUMBPRINT.matcher(certificateThumbprint).matches()) {
        throw new ExchangeException(
            "not a certificate thumbprint (40 hex digits): '"
                + RecipientIdentity.printable(certificateThumbprint)
                + "'");
      }
      if (!GUID.matcher(appId).matches()) {
        throw new ExchangeException(
            "not an app id (a GUID): '" + RecipientIdentity.printable(appId) + "'");
      }
      if (!DOMAIN.matcher(organization).matches()) {
        throw new ExchangeException(
            "not an organization domain: '" + RecipientIdentity.printable(organization) + "'");
      }
    }
  }
}
