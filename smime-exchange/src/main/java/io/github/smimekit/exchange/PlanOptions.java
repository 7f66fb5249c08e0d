package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Purpose;
import io.github.smimekit.core.SmimeFitness;
import java.time.Instant;

/**
 * The planner's settings. Defaults: expired certificates are dropped, at most 3 newest valid
 * certificates are kept per recipient, certificates must fit signing and encryption ({@link
 * Purpose#BOTH}) with {@link SmimeFitness#defaults()}, only the primary SMTP address matches, CA
 * certificates no chain needs are removed, a stale {@code UserSMimeCertificate} is cleared, and the
 * store is checked with {@link IssuingCaStoreCheck#defaults()}.
 *
 * @param at the time validity is checked for
 * @param dropExpired drop certificates expired at {@code at} (else they block the recipient)
 * @param maxCertificates the most certificates kept per recipient, newest first
 * @param purpose what each certificate must be fit for
 * @param fitness the S/MIME fitness check
 * @param matchProxyAddresses accept a certificate whose address is a proxy address of the recipient
 *     (as Outlook on the web does with {@code OWAUseSecondaryProxiesWhenFindingCertificates})
 * @param keepUnusedCas keep CA certificates the tenant holds that no chain needs
 * @param clearStaleUserSMimeCertificate clear a {@code UserSMimeCertificate} that holds a
 *     certificate not planned for {@code UserCertificate} (else only report it)
 * @param storeCheck the issuing-CA store check (size limit)
 */
public record PlanOptions(
    Instant at,
    boolean dropExpired,
    int maxCertificates,
    Purpose purpose,
    SmimeFitness fitness,
    boolean matchProxyAddresses,
    boolean keepUnusedCas,
    boolean clearStaleUserSMimeCertificate,
    IssuingCaStoreCheck storeCheck) {
  /** The default number of certificates kept per recipient. */
  public static final int DEFAULT_MAX_CERTIFICATES = 3;

  /** Validates. */
  public PlanOptions {
    requireNonNull(at, "at");
    requireNonNull(purpose, "purpose");
    requireNonNull(fitness, "fitness");
    requireNonNull(storeCheck, "storeCheck");
    if (maxCertificates < 1 || maxCertificates > ExchangeLimits.MAX_SYNCED_CERTIFICATE_VALUES) {
      throw new IllegalArgumentException(
          "maxCertificates not in 1.."
              + ExchangeLimits.MAX_SYNCED_CERTIFICATE_VALUES
              + ": "
              + maxCertificates);
    }
  }

  /** The defaults, at time {@code at}. */
  public static PlanOptions at(Instant at) {
    return new PlanOptions(
        at,
        true,
        DEFAULT_MAX_CERTIFICATES,
        Purpose.BOTH,
        SmimeFitness.defaults(),
        false,
        false,
        true,
        IssuingCaStoreCheck.defaults());
  }

  /** A copy with {@code dropExpired}. */
  public PlanOptions withDropExpired(boolean value) {
    return new PlanOptions(
        at,
        value,
        maxCertificates,
        purpose,
        fitness,
        matchProxyAddresses,
        keepUnusedCas,
        clearStaleUserSMimeCertificate,
        storeCheck);
  }

  /** A copy with {@code maxCertificates}. */
  public PlanOptions withMaxCertificates(int value) {
    return new PlanOptions(
        at,
        dropExpired,
        value,
        purpose,
        fitness,
        matchProxyAddresses,
        keepUnusedCas,
        clearStaleUserSMimeCertificate,
        storeCheck);
  }

  /** A copy with {@code matchProxyAddresses}. */
  public PlanOptions withMatchProxyAddresses(boolean value) {
    return new PlanOptions(
        at,
        dropExpired,
        maxCertificates,
        purpose,
        fitness,
        value,
        keepUnusedCas,
        clearStaleUserSMimeCertificate,
        storeCheck);
  }

  /** A copy with {@code keepUnusedCas}. */
  public PlanOptions withKeepUnusedCas(boolean value) {
    return new PlanOptions(
        at,
        dropExpired,
        maxCertificates,
        purpose,
        fitness,
        matchProxyAddresses,
        value,
        clearStaleUserSMimeCertificate,
        storeCheck);
  }

  /** A copy with {@code clearStaleUserSMimeCertificate}. */
  public PlanOptions withClearStaleUserSMimeCertificate(boolean value) {
    return new PlanOptions(
        at,
        dropExpired,
        maxCertificates,
        purpose,
        fitness,
        matchProxyAddresses,
        keepUnusedCas,
        value,
        storeCheck);
  }

  /** A copy with another purpose. */
  public PlanOptions withPurpose(Purpose value) {
    return new PlanOptions(
        at,
        dropExpired,
        maxCertificates,
        value,
        fitness,
        matchProxyAddresses,
        keepUnusedCas,
        clearStaleUserSMimeCertificate,
        storeCheck);
  }

  /** A copy with another store check. */
  public PlanOptions withStoreCheck(IssuingCaStoreCheck value) {
    return new PlanOptions(
        at,
        dropExpired,
        maxCertificates,
        purpose,
        fitness,
        matchProxyAddresses,
        keepUnusedCas,
        clearStaleUserSMimeCertificate,
        value);
  }
}
