package io.github.smimekit.sst.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.CertificateBundleReader;
import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.sst.SerializedStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The smime-core plug-in that reads certificate pools from .sst files. */
final class SstBundleReaderTest {
  private static final Path DATA = Path.of("../testdata/sst");

  @Test
  void serviceLoader_findsNoSstReader_registrationIsExplicit() {
    assertThat(ServiceLoader.load(CertificateBundleReader.class).stream())
        .noneSatisfy(p -> assertThat(p.type()).isEqualTo(SstBundleReader.class));
    assertThat(SerializedStore.bundleReader()).isSameAs(SstBundleReader.INSTANCE);
  }

  @Test
  void readCertificates_windowsStore_givesAllCertificates() throws IOException {
    Bytes data =
        Bytes.copyOf(
            Files.readAllBytes(
                DATA.resolve("windows/GeekDuanLian-windows-cert-sync__pinrules.sst")));
    SstBundleReader reader = SstBundleReader.INSTANCE;

    assertThat(reader.name()).isEqualTo("sst");
    assertThat(reader.recognizes(data)).isTrue();
    assertThat(reader.readCertificates(data)).hasSize(12);
  }

  @Test
  void recognizes_otherFormats_false_andMalformedStore_throwsFormatException() throws IOException {
    SstBundleReader reader = SstBundleReader.INSTANCE;

    assertThat(
            reader.recognizes(
                Bytes.copyOf(
                    Files.readAllBytes(
                        DATA.resolve("pkcs7-named-sst/openssl_pkcs7_2certs_der.sst")))))
        .isFalse();
    assertThat(reader.recognizes(Bytes.EMPTY)).isFalse();
    Bytes truncated = Bytes.copyOf(Files.readAllBytes(DATA.resolve("malformed/plain_trunc.sst")));
    assertThat(reader.recognizes(truncated)).isTrue();
    assertThatThrownBy(() -> reader.readCertificates(truncated))
        .isInstanceOf(SmimeFormatException.class);
  }
}
