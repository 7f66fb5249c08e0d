package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The tenant in the Admin API's URL: a tenant GUID or the primary {@code *.onmicrosoft.com} domain
 * (spec {@code exchange-online.md} §2.1, §2.5).
 *
 * @param value the GUID (lower case) or the domain (lower case)
 */
public record TenantId(String value) {
  private static final Pattern GUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern ONMICROSOFT =
      Pattern.compile("(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+onmicrosoft\\.com");

  public TenantId {
    requireNonNull(value, "value");
    if (!GUID.matcher(value).matches() && !ONMICROSOFT.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "tenant is neither a GUID nor a *.onmicrosoft.com domain: " + abbreviate(value));
    }
  }

  /**
   * The tenant named by {@code text}, a GUID or a {@code *.onmicrosoft.com} domain in any case.
   *
   * @throws io.github.smimekit.core.SmimeException if it is neither
   */
  public static TenantId parse(String text) {
    requireNonNull(text, "text");
    String lower = text.trim().toLowerCase(Locale.ROOT);
    if (!GUID.matcher(lower).matches() && !ONMICROSOFT.matcher(lower).matches()) {
      throw new io.github.smimekit.core.SmimeException(
          "tenant is neither a GUID nor a *.onmicrosoft.com domain: " + abbreviate(text));
    }
    return new TenantId(lower);
  }

  /** Whether this is a tenant GUID (not a domain). */
  public boolean isGuid() {
    return GUID.matcher(value).matches();
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? "'" + s + "'" : "'" + s.substring(0, 80) + "...'";
  }

  @Override
  public String toString() {
    return value;
  }
}
