package io.github.smimekit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.IssuingCaCertificates;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.SstReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ExamplesTest {
  static final Path SAMPLES = Path.of("../samples");
  static final Instant AT = Instant.parse("2027-01-01T00:00:00Z");

  @Test
  void exportCertificate_sampleIdentity_writesItsDerCertificate(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("alice.cer");

    X509Certificate cert =
        ExportCertificate.export(
            SAMPLES.resolve("alice.p12"),
            "smimekit-demo".toCharArray(),
            out,
            "alice@contoso.example",
            AT);

    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(SAMPLES.resolve("alice.cer")));
    assertThat(Certificates.emailAddresses(cert)).containsExactly("alice@contoso.example");
  }

  @Test
  void buildIssuingCaStore_samplePki_writesIssuingCaAndRoot(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("chainOfTrust.sst");

    IssuingCaCertificates selection =
        BuildIssuingCaStore.build(
            out,
            SAMPLES.resolve("root.cer"),
            SAMPLES.resolve("issuing-ca.cer"),
            List.of(SAMPLES.resolve("alice.cer")),
            AT);

    assertThat(selection.failed()).isEmpty();
    SerializedStore store = SerializedStore.read(out, SstReadOptions.strict());
    assertThat(store.certificates())
        .containsExactly(
            Certificates.readOne(SAMPLES.resolve("root.cer")),
            Certificates.readOne(SAMPLES.resolve("issuing-ca.cer")));
  }
}
