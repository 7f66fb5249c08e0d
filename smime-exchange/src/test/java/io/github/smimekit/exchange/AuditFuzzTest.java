package io.github.smimekit.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smimekit.core.Bytes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a tenant holds is untrusted bytes: any {@code UserCertificate}, {@code UserSMimeCertificate}
 * or store value gives an audit report with findings, never an exception, and every rendering
 * works. {@code mvn test} runs the seeds in {@code AuditFuzzTestInputs/}; {@code JAZZER_FUZZ=1 mvn
 * test -Dtest=AuditFuzzTest} fuzzes.
 */
final class AuditFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void anyValues_giveAReport(FuzzedDataProvider data) {
    Bytes cert = Bytes.copyOf(data.consumeBytes(4096));
    Bytes blob = Bytes.copyOf(data.consumeBytes(4096));
    Optional<Bytes> store =
        data.consumeBoolean()
            ? Optional.of(Bytes.copyOf(data.consumeRemainingAsBytes()))
            : Optional.empty();
    TenantState state =
        new TenantState(
            List.of(
                new TenantRecipient(
                    RecipientType.MAILBOX,
                    "a@contoso.com",
                    "a@contoso.com",
                    List.of(),
                    List.of(cert),
                    List.of(blob))),
            store);

    AuditReport r = Audit.run(state, AuditOptions.at(Instant.parse("2026-06-01T00:00:00Z")));

    assertThat(r.recipients()).hasSize(1);
    assertThat(AuditReports.html(r)).doesNotContain("<script");
    assertThat(AuditReports.json(r)).startsWith("{");
    assertThat(AuditReports.text(r)).isNotBlank();
  }
}
