package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code X-AnchorMailbox} header the client sends, a routing hint. Which form the service needs
 * is not documented (spec {@code exchange-online.md} §2.0, §5): the module sends {@code
 * UPN:OAuthUser@<org>} for certificate authentication, CIPP sends the app-only system mailbox form
 * (the default here), monkey365 sends none. Keep it a setting.
 */
public final class AnchorMailbox {
  /** The system mailbox CIPP names in app-only calls. */
  public static final String APP_ONLY_SYSTEM_MAILBOX =
      "SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}";

  private final @Nullable String fixed;
  private final boolean appOnly;

  private AnchorMailbox(@Nullable String fixed, boolean appOnly) {
    this.fixed = fixed;
    this.appOnly = appOnly;
  }

  /**
   * {@code APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@<tenant>}: the app-only form,
   * the default.
   */
  public static AnchorMailbox appOnly() {
    return new AnchorMailbox(null, true);
  }

  /** {@code UPN:<upn>}: the delegated form (or {@code OAuthUser@<org>.onmicrosoft.com}). */
  public static AnchorMailbox upn(String upn) {
    requireNonNull(upn, "upn");
    return of("UPN:" + upn);
  }

  /** Exactly {@code value}. */
  public static AnchorMailbox of(String value) {
    requireNonNull(value, "value");
    if (value.isEmpty() || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      throw new IllegalArgumentException("not a header value: " + value);
    }
    return new AnchorMailbox(value, false);
  }

  /** No {@code X-AnchorMailbox} header at all. */
  public static AnchorMailbox none() {
    return new AnchorMailbox(null, false);
  }

  /** The header value for {@code tenant}, or empty for no header. */
  public Optional<String> headerValue(TenantId tenant) {
    if (appOnly) {
      return Optional.of("APP:" + APP_ONLY_SYSTEM_MAILBOX + "@" + tenant.value());
    }
    return Optional.ofNullable(fixed);
  }

  @Override
  public String toString() {
    return appOnly
        ? "AnchorMailbox[app-only]"
        : "AnchorMailbox[" + (fixed == null ? "none" : fixed) + "]";
  }
}
