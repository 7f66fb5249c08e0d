package io.github.smimekit.mail;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.core.UnsupportedAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The algorithms of an organisation's S/MIME configuration, parsed from the strings of {@code
 * Set-SmimeConfig -OWAEncryptionAlgorithms} and {@code -OWASigningAlgorithms}: {@code ;}-separated
 * entries, each a hex CryptoAPI {@code ALG_ID} ({@code 6610}), an {@code ALG_ID} with a key length
 * ({@code 6602:40}, also {@code RC2:128}), or an {@code ALG_ID} with an object identifier ({@code
 * 6610,2.16.840.1.101.3.4.1.42}) for algorithms the list does not name.
 *
 * <p>The first entry of each list is the one a message is built with; every entry is advertised in
 * the SMIMECapabilities attribute and accepted when a message is opened.
 *
 * @param encryption the content-encryption algorithms, in the order of the setting; not empty
 * @param signing the digest algorithms, in the order of the setting; not empty
 */
public record AlgorithmSettings(
    List<EncryptionAlgorithm> encryption, List<SigningAlgorithm> signing) {

  /** The value of {@code OWAEncryptionAlgorithms} when it is not set: {@code 6610} (AES-256). */
  public static final String DEFAULT_ENCRYPTION = "6610";

  /** The value of {@code OWASigningAlgorithms} when it is not set: {@code 8004} (SHA-1). */
  public static final String DEFAULT_SIGNING = "8004";

  /** Checks and copies the lists (duplicates are dropped, the first occurrence is kept). */
  public AlgorithmSettings {
    encryption = List.copyOf(new LinkedHashSet<>(requireNonNull(encryption, "encryption")));
    signing = List.copyOf(new LinkedHashSet<>(requireNonNull(signing, "signing")));
    if (encryption.isEmpty()) {
      throw new IllegalArgumentException("no encryption algorithm");
    }
    if (signing.isEmpty()) {
      throw new IllegalArgumentException("no signing algorithm");
    }
  }

  /** The defaults of Exchange Online: AES-256 content encryption and SHA-1 signatures. */
  public static AlgorithmSettings defaults() {
    return parse(DEFAULT_ENCRYPTION, DEFAULT_SIGNING);
  }

  /**
   * Parses the two settings; an empty or blank string means the setting's default.
   *
   * @param owaEncryptionAlgorithms the value of {@code OWAEncryptionAlgorithms}
   * @param owaSigningAlgorithms the value of {@code OWASigningAlgorithms}
   * @return the settings
   * @throws SmimeFormatException if an entry is not of a documented form
   * @throws UnsupportedAlgorithmException if an entry names an algorithm this module does not know
   */
  public static AlgorithmSettings parse(
      String owaEncryptionAlgorithms, String owaSigningAlgorithms) {
    return new AlgorithmSettings(
        parseEncryption(owaEncryptionAlgorithms), parseSigning(owaSigningAlgorithms));
  }

  /**
   * Parses {@code OWAEncryptionAlgorithms}; an empty or blank string means {@code 6610}.
   *
   * @param setting the value, for example {@code 6610;6603} or {@code 6602:40}
   * @return the algorithms in the order given
   * @throws SmimeFormatException if an entry is not of a documented form
   * @throws UnsupportedAlgorithmException if an entry names an algorithm this module does not know
   */
  public static List<EncryptionAlgorithm> parseEncryption(String setting) {
    requireNonNull(setting, "setting");
    String value = setting.isBlank() ? DEFAULT_ENCRYPTION : setting;
    List<EncryptionAlgorithm> out = new ArrayList<>();
    int index = 0;
    for (String raw : value.split(";", -1)) {
      index++;
      String entry = raw.trim();
      String where = "OWAEncryptionAlgorithms entry #" + index + " '" + shorten(entry) + "'";
      if (entry.isEmpty()) {
        throw new SmimeFormatException(where + ": empty entry");
      }
      String oid = null;
      int comma = entry.indexOf(',');
      if (comma >= 0) {
        oid = entry.substring(comma + 1).trim();
        entry = entry.substring(0, comma).trim();
      }
      int keyBits = 0;
      int colon = entry.indexOf(':');
      if (colon >= 0) {
        keyBits = decimal(entry.substring(colon + 1).trim(), where);
        entry = entry.substring(0, colon).trim();
      }
      int algId = entry.equalsIgnoreCase("RC2") ? 0x6602 : hex(entry, where);
      String id = entry;
      EncryptionAlgorithm found = null;
      if (oid != null) {
        found =
            EncryptionAlgorithm.fromOid(oid, keyBits)
                .orElseThrow(
                    () -> new UnsupportedAlgorithmException(where + ": unsupported algorithm", id));
      } else {
        for (EncryptionAlgorithm a : EncryptionAlgorithm.values()) {
          if (a.algId() == algId
              && (keyBits == 0
                  ? a.algId() != 0x6602 || a.keyBits() == 128
                  : a.keyBits() == keyBits)) {
            found = a;
            break;
          }
        }
        if (found == null) {
          boolean known = false;
          for (EncryptionAlgorithm a : EncryptionAlgorithm.values()) {
            known |= a.algId() == algId;
          }
          throw known
              ? new UnsupportedAlgorithmException(where + ": unsupported key length " + keyBits, id)
              : new UnsupportedAlgorithmException(
                  where + ": unknown ALG_ID 0x" + String.format(Locale.ROOT, "%04X", algId), id);
        }
      }
      out.add(found);
    }
    return List.copyOf(new LinkedHashSet<>(out));
  }

  /**
   * Parses {@code OWASigningAlgorithms}; an empty or blank string means {@code 8004}.
   *
   * @param setting the value, for example {@code 800C} or {@code 800E;800C}
   * @return the algorithms in the order given
   * @throws SmimeFormatException if an entry is not of a documented form
   * @throws UnsupportedAlgorithmException if an entry names an algorithm this module does not know
   */
  public static List<SigningAlgorithm> parseSigning(String setting) {
    requireNonNull(setting, "setting");
    String value = setting.isBlank() ? DEFAULT_SIGNING : setting;
    List<SigningAlgorithm> out = new ArrayList<>();
    int index = 0;
    for (String raw : value.split(";", -1)) {
      index++;
      String entry = raw.trim();
      String where = "OWASigningAlgorithms entry #" + index + " '" + shorten(entry) + "'";
      if (entry.isEmpty()) {
        throw new SmimeFormatException(where + ": empty entry");
      }
      int comma = entry.indexOf(',');
      if (comma >= 0) {
        String oid = entry.substring(comma + 1).trim();
        String id = entry.substring(0, comma).trim();
        hex(id, where);
        out.add(
            SigningAlgorithm.fromOid(oid)
                .orElseThrow(
                    () ->
                        new UnsupportedAlgorithmException(where + ": unsupported algorithm", id)));
        continue;
      }
      int algId = hex(entry, where);
      Optional<SigningAlgorithm> found = Optional.empty();
      for (SigningAlgorithm a : SigningAlgorithm.values()) {
        if (a.algId() == algId) {
          found = Optional.of(a);
        }
      }
      String id = entry;
      out.add(
          found.orElseThrow(
              () ->
                  new UnsupportedAlgorithmException(
                      where + ": unknown ALG_ID 0x" + String.format(Locale.ROOT, "%04X", algId),
                      id)));
    }
    return List.copyOf(new LinkedHashSet<>(out));
  }

  /** The algorithm a message is built with: the first of {@link #encryption()}. */
  public EncryptionAlgorithm preferredEncryption() {
    return encryption.get(0);
  }

  /** The digest a message is signed with: the first of {@link #signing()}. */
  public SigningAlgorithm preferredSigning() {
    return signing.get(0);
  }

  /** The settings in their {@code Set-SmimeConfig} form: {@code 6610;6603 / 800C}. */
  @Override
  public String toString() {
    return encryption.stream()
            .map(EncryptionAlgorithm::settingValue)
            .collect(Collectors.joining(";"))
        + " / "
        + signing.stream().map(SigningAlgorithm::settingValue).collect(Collectors.joining(";"));
  }

  private static int hex(String s, String where) {
    String t = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
    if (t.isEmpty() || t.length() > 8 || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new SmimeFormatException(where + ": not a hex ALG_ID");
    }
    return (int) Long.parseLong(t, 16);
  }

  private static int decimal(String s, String where) {
    if (s.isEmpty() || s.length() > 4 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new SmimeFormatException(where + ": not a key length in bits");
    }
    return Integer.parseInt(s);
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
