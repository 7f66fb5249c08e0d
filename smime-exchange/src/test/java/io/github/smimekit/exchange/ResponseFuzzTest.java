package io.github.smimekit.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smimekit.core.SmimeException;
import io.github.smimekit.exchange.internal.http.Page;
import io.github.smimekit.exchange.internal.http.Responses;

/**
 * Admin API response bodies are untrusted bytes: any body gives a page, a typed failure or an error
 * description, never a runtime exception. {@code mvn test} runs the seeds in {@code
 * ResponseFuzzTestInputs/}; {@code JAZZER_FUZZ=1 mvn test -Dtest=ResponseFuzzTest} fuzzes.
 */
final class ResponseFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void anyBody_givesPageOrTypedFailure(byte[] data) {
    assertThat(Responses.error(data)).isNotNull();
    Page p;
    try {
      p = Responses.page(Responses.tree(data));
    } catch (Responses.BadResponse e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    for (ResultObject o : p.values()) {
      try {
        TenantRecipient r = ExchangeClient.toRecipient(RecipientType.MAILBOX, "x", o);
        assertThat(r.userCertificates()).doesNotContainNull();
        o.byteArray("SMIMECertificateIssuingCA");
      } catch (SmimeException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
    }
  }
}
