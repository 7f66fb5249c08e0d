package io.github.smimekit.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What protects a PKCS#12 file and what it holds, from {@link Pkcs12#inspect}.
 *
 * @param mac the integrity protection, empty when the file has no MAC
 * @param encryptions each encrypted safe and each private key bag, in file order
 * @param entries the certificates (with a flag for those whose key is present) and any key without
 *     certificate
 */
public record Pkcs12Info(
    Optional<Pkcs12MacInfo> mac,
    List<Pkcs12EncryptionInfo> encryptions,
    List<Pkcs12EntryInfo> entries) {
  /** Checks and copies the components. */
  public Pkcs12Info {
    requireNonNull(mac, "mac");
    encryptions = List.copyOf(encryptions);
    entries = List.copyOf(entries);
  }

  /**
   * Whether the file's protection is weak: it has no MAC, or its MAC is weak (see {@link
   * Pkcs12MacInfo#weak()}), or any encryption is weak (see {@link Pkcs12EncryptionInfo#weak()}).
   */
  public boolean weak() {
    return mac.isEmpty()
        || mac.get().weak()
        || encryptions.stream().anyMatch(Pkcs12EncryptionInfo::weak);
  }

  /** The MAC as text, e.g. {@code "HMAC-SHA256, 2048 iterations, 8-byte salt"}, or "none". */
  public String macDescription() {
    return mac.map(Pkcs12MacInfo::describe).orElse("none");
  }
}
