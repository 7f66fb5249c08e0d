package io.github.smimekit.sst;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.core.Certificates;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestPki;
import java.security.cert.X509Certificate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The key bit length a Windows-profile store caches (property 92) is smime-core's one key-size
 * description, {@link Certificates#keySize}, for every key type a test PKI makes, and also for a
 * certificate with a malformed subjectAltName: there the summary throws, and the store used to fall
 * back to the length of the public key bits (520 for P-256, 2160 for RSA-2048).
 */
final class KeySizeAgreementTest {
  private static final TestPki PKI = TestPki.create(9_2092L);

  private static long property92(X509Certificate c) {
    return StoreProfile.WINDOWS_EXPORT
        .entryFor(c)
        .property(PropertyId.SUBJECT_PUB_KEY_BIT_LENGTH)
        .orElseThrow()
        .u32();
  }

  @ParameterizedTest
  @CsvSource({"RSA_2048, 2048", "EC_P256, 256", "EC_P384, 384", "EC_P521, 521", "ED25519, 256"})
  void windowsProfile_keyBitLength_isCoresKeySize(KeyType type, int bits) {
    X509Certificate c = PKI.rootCa("Key Size " + type).keyType(type).build().certificate();

    assertThat(Certificates.keySize(c)).isEqualTo(bits);
    assertThat(Certificates.summarize(c).keySize()).isEqualTo(bits);
    assertThat(property92(c)).isEqualTo(bits);
  }
}
