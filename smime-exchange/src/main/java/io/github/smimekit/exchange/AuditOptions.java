package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.Purpose;
import io.github.smimekit.core.SmimeFitness;
import java.time.Duration;
import java.time.Instant;

/**
 * The settings of an {@link Audit}. Defaults: certificates expiring within 30 days are reported,
 * fitness is checked for signing and encryption ({@link Purpose#BOTH}) with {@link
 * SmimeFitness#defaults()}, the store is checked with {@link IssuingCaStoreCheck#defaults()}.
 *
 * @param at the time validity is checked for (the report is deterministic for a fixed {@code at})
 * @param expiringWithin a certificate expiring within this time after {@code at} is a warning
 * @param purpose what each certificate must be fit for
 * @param fitness the S/MIME fitness check (its own expiry window is not used: {@code
 *     expiringWithin} is)
 * @param storeCheck the issuing-CA store check (size limit)
 */
public record AuditOptions(
    Instant at,
    Duration expiringWithin,
    Purpose purpose,
    SmimeFitness fitness,
    IssuingCaStoreCheck storeCheck) {
  /** The default {@link #expiringWithin()}: 30 days. */
  public static final Duration DEFAULT_EXPIRING_WITHIN = Duration.ofDays(30);

  /** Validates. */
  public AuditOptions {
    requireNonNull(at, "at");
    requireNonNull(expiringWithin, "expiringWithin");
    requireNonNull(purpose, "purpose");
    requireNonNull(fitness, "fitness");
    requireNonNull(storeCheck, "storeCheck");
    if (expiringWithin.isNegative()) {
      throw new IllegalArgumentException("expiringWithin < 0: " + expiringWithin);
    }
  }

  /** The defaults, at time {@code at}. */
  public static AuditOptions at(Instant at) {
    return new AuditOptions(
        at,
        DEFAULT_EXPIRING_WITHIN,
        Purpose.BOTH,
        SmimeFitness.defaults(),
        IssuingCaStoreCheck.defaults());
  }

  /** A copy with {@code expiringWithin}. */
  public AuditOptions withExpiringWithin(Duration d) {
    return new AuditOptions(at, d, purpose, fitness, storeCheck);
  }

  /** A copy with {@code purpose}. */
  public AuditOptions withPurpose(Purpose value) {
    return new AuditOptions(at, expiringWithin, value, fitness, storeCheck);
  }

  /** A copy with {@code storeCheck}. */
  public AuditOptions withStoreCheck(IssuingCaStoreCheck value) {
    return new AuditOptions(at, expiringWithin, purpose, fitness, value);
  }

  /** A copy with {@code fitness}. */
  public AuditOptions withFitness(SmimeFitness value) {
    return new AuditOptions(at, expiringWithin, purpose, value, storeCheck);
  }
}
