package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

/**
 * A recipient to read: its kind and the identity to address it by.
 *
 * @param type the kind of recipient (decides the {@code Get-*} cmdlet)
 * @param identity the identity (primary SMTP address or GUID preferred)
 */
public record RecipientRef(RecipientType type, String identity) {
  public RecipientRef {
    requireNonNull(type, "type");
    requireNonNull(identity, "identity");
    if (identity.isBlank()) {
      throw new IllegalArgumentException("blank identity");
    }
  }
}
