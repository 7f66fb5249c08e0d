package io.github.smimekit.exchange;

/**
 * Size and count limits of the Exchange Online attributes that carry S/MIME certificates, as far as
 * they are documented. See {@code spec/exchange-online.md} §1.3.
 */
public final class ExchangeLimits {
  /**
   * Maximum size in bytes of one {@code UserCertificate} / {@code UserSMimeCertificate} value (AD
   * schema {@code rangeUpper}, also the Exchange Online directory schema's constraint).
   */
  public static final int MAX_CERTIFICATE_VALUE_BYTES = 32_768;

  /**
   * Number of certificate values per recipient beyond which Entra Connect stops exporting them. A
   * recommendation for cloud-only recipients too: keep the current and the next certificate only.
   */
  public static final int MAX_SYNCED_CERTIFICATE_VALUES = 15;

  private ExchangeLimits() {}
}
