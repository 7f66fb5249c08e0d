package io.github.smimekit.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Pkcs12Identity;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer target for {@code smime message open}: an untrusted {@code .eml} may only give a report
 * (one verdict per step, failures with a detail), never an exception, hang or huge allocation, and
 * no verdict shows the identity's password. Seeds: {@code TestMessageFuzzTestInputs/open/} (see the
 * README there), including a real message to Bob of {@link MailPki} so that decryption and
 * signature paths are reached.
 */
final class TestMessageFuzzTest {
  private static final MailPki PKI = MailPki.shared();
  private static final Pkcs12Identity BOB = MailPki.identity(PKI.bob);
  private static final MessageLimits LIMITS = new MessageLimits(256 * 1024, 8, 64);

  @FuzzTest(maxDuration = "60s")
  void open(byte[] data) {
    OpenReport r =
        TestMessage.open(
            OpenOptions.builder()
                .message(Bytes.copyOf(data))
                .identity(BOB)
                .trustStore(PKI.store)
                .clock(PKI.clock)
                .algorithms(AlgorithmSettings.parse("6610;660E;6603", "8004;800C"))
                .limits(LIMITS)
                .build());
    assertThat(r.steps()).hasSize(Step.values().length);
    String password = new String(MailPki.PASSWORD);
    for (StepVerdict v : r.steps()) {
      assertThat(v.detail()).isNotEmpty().doesNotContain(password);
    }
    if (r.passed()) {
      assertThat(r.signer()).isPresent();
    }
    r.text()
        .ifPresent(
            t -> assertThat(t.getBytes(StandardCharsets.UTF_8).length).isLessThan(4 * 4096 + 1));
  }
}
