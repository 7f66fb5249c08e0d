package io.github.smimekit.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.core.UnsupportedAlgorithmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The forms of {@code OWAEncryptionAlgorithms} and {@code OWASigningAlgorithms} (spec §1.7). */
final class AlgorithmSettingsTest {
  @Test
  void defaults_areAes256AndSha1() {
    AlgorithmSettings d = AlgorithmSettings.defaults();
    assertThat(d.encryption()).containsExactly(EncryptionAlgorithm.AES_256);
    assertThat(d.signing()).containsExactly(SigningAlgorithm.SHA1);
    assertThat(AlgorithmSettings.parse("", " ")).isEqualTo(d);
    assertThat(d).hasToString("6610 / 8004");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "6601|DES",
        "6602|RC2_128",
        "6602:40|RC2_40",
        "6602:56|RC2_56",
        "6602:64|RC2_64",
        "RC2:128|RC2_128",
        "6603|TRIPLE_DES",
        "660E|AES_128",
        "660e|AES_128",
        "660F|AES_192",
        "0x6610|AES_256",
        "6610,2.16.840.1.101.3.4.1.42|AES_256",
      })
  void parseEncryption_documentedForms(String setting, EncryptionAlgorithm expected) {
    assertThat(AlgorithmSettings.parseEncryption(setting)).containsExactly(expected);
  }

  @Test
  void parseEncryption_list_keepsOrderDropsDuplicates() {
    assertThat(AlgorithmSettings.parseEncryption("6610; 660E;6610"))
        .containsExactly(EncryptionAlgorithm.AES_256, EncryptionAlgorithm.AES_128);
  }

  @ParameterizedTest
  @CsvSource({"8003,MD5", "8004,SHA1", "800C,SHA256", "800D,SHA384", "800e,SHA512"})
  void parseSigning_hexAlgIds(String setting, SigningAlgorithm expected) {
    assertThat(AlgorithmSettings.parseSigning(setting)).containsExactly(expected);
  }

  @Test
  void parse_errors_areTypedAndNameTheEntry() {
    assertThatThrownBy(() -> AlgorithmSettings.parseEncryption("6610;6604"))
        .isInstanceOf(UnsupportedAlgorithmException.class)
        .hasMessage("OWAEncryptionAlgorithms entry #2 '6604': unknown ALG_ID 0x6604");
    assertThatThrownBy(() -> AlgorithmSettings.parseEncryption("6610:128"))
        .isInstanceOf(UnsupportedAlgorithmException.class)
        .hasMessage("OWAEncryptionAlgorithms entry #1 '6610:128': unsupported key length 128");
    assertThatThrownBy(() -> AlgorithmSettings.parseEncryption("66x0"))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("OWAEncryptionAlgorithms entry #1 '66x0': not a hex ALG_ID");
    assertThatThrownBy(() -> AlgorithmSettings.parseEncryption("6610;;"))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("OWAEncryptionAlgorithms entry #2 '': empty entry");
    assertThatThrownBy(() -> AlgorithmSettings.parseEncryption("6610,1.2.3.4"))
        .isInstanceOf(UnsupportedAlgorithmException.class)
        .hasMessage("OWAEncryptionAlgorithms entry #1 '6610,1.2.3.4': unsupported algorithm");
    assertThatThrownBy(() -> AlgorithmSettings.parseSigning("800F"))
        .isInstanceOf(UnsupportedAlgorithmException.class)
        .hasMessage("OWASigningAlgorithms entry #1 '800F': unknown ALG_ID 0x800F");
  }
}
