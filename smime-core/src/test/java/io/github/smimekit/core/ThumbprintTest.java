package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Thumbprint}: computed like Windows, parsed as people paste it, one value everywhere. */
final class ThumbprintTest {
  private static final TestPki PKI = TestPki.create(8);
  private static final TestCertificate ROOT = PKI.rootCa("Thumbprint Root").build();

  private static String independentHex(String algorithm) throws Exception {
    return HexFormat.of()
        .withUpperCase()
        .formatHex(MessageDigest.getInstance(algorithm).digest(ROOT.certificate().getEncoded()));
  }

  @Test
  void sha1AndSha256_areTheUpperCaseHexOfTheDigestOfTheDer() throws Exception {
    Thumbprint sha1 = Thumbprint.sha1(ROOT.certificate());
    Thumbprint sha256 = Thumbprint.sha256(ROOT.certificate());

    assertThat(sha1.hex()).isEqualTo(independentHex("SHA-1")).hasSize(40);
    assertThat(sha1.toString()).isEqualTo(sha1.hex());
    assertThat(sha1.algorithm()).isEqualTo(Thumbprint.Algorithm.SHA1);
    assertThat(sha256.hex()).isEqualTo(independentHex("SHA-256")).hasSize(64);
    assertThat(Thumbprint.sha1(Bytes.copyOf(ROOT.certificate().getEncoded()))).isEqualTo(sha1);
    assertThat(sha1.matches(ROOT.certificate())).isTrue();
    assertThat(sha256.matches(ROOT.certificate())).isTrue();
    assertThat(sha1).isNotEqualTo(sha256);
  }

  @Test
  void parse_acceptsTheFormsWindowsOpensslAndCertmgrShow() throws Exception {
    String hex = independentHex("SHA-1");
    List<String> forms = new ArrayList<>();
    forms.add(hex);
    forms.add(hex.toLowerCase(java.util.Locale.ROOT));
    forms.add(hex.replaceAll("(..)(?!$)", "$1:")); // openssl x509 -fingerprint
    forms.add(hex.replaceAll("(..)(?!$)", "$1 ").toLowerCase(java.util.Locale.ROOT)); // certmgr
    forms.add("\u200e" + hex.replaceAll("(..)(?!$)", "$1 ")); // certmgr's copied LRM
    for (String form : forms) {
      assertThat(Thumbprint.parse(form)).as(form).isEqualTo(Thumbprint.sha1(ROOT.certificate()));
    }
    assertThat(Thumbprint.parse(independentHex("SHA-256")))
        .isEqualTo(Thumbprint.sha256(ROOT.certificate()));
  }

  @Test
  void parse_refusesWhatIsNotAThumbprint_namingTheProblem() {
    assertThatThrownBy(() -> Thumbprint.parse("ABCD"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not 4");
    assertThatThrownBy(() -> Thumbprint.parse("G".repeat(40)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("character 1");
    // full-width digits are digits to Character.digit, but never part of a thumbprint
    assertThatThrownBy(() -> Thumbprint.parse("\uff11".repeat(40)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Thumbprint.parse("A".repeat(100_000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("100000 characters");
    assertThatThrownBy(() -> Thumbprint.of(Thumbprint.Algorithm.SHA1, Bytes.of((byte) 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("20 bytes, not 1");
  }

  @Test
  void ordering_isByAlgorithmThenUnsignedDigest() {
    Thumbprint low = Thumbprint.parse("00".repeat(20));
    Thumbprint high = Thumbprint.parse("FF".repeat(20));
    Thumbprint longer = Thumbprint.parse("00".repeat(32));
    assertThat(low).isLessThan(high);
    assertThat(high).isLessThan(longer);
    assertThat(low.bytes()).isEqualTo(Bytes.copyOf(new byte[20]));
    assertThat(high.hashCode()).isEqualTo(Thumbprint.parse("ff".repeat(20)).hashCode());
  }
}
