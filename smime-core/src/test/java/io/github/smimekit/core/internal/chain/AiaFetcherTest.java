package io.github.smimekit.core.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.core.SmimeFormatException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The URL rules of {@link AiaFetcher} (schemes, redirects, credentials) and answer limits. */
final class AiaFetcherTest {
  @Test
  void checkUri_httpAndHttps_accepted() throws Exception {
    assertThat(AiaFetcher.checkUri("http://ca.example.com/i.cer", null))
        .isEqualTo(URI.create("http://ca.example.com/i.cer"));
    assertThat(AiaFetcher.checkUri("HTTPS://ca.example.com/i.p7c", null).getHost())
        .isEqualTo("ca.example.com");
  }

  @Test
  void checkUri_redirectHttpsToHttp_refused() {
    assertThatThrownBy(
            () ->
                AiaFetcher.checkUri(
                    "http://ca.example.com/i.cer", URI.create("https://ca.example.com/a")))
        .isInstanceOf(AiaFetcher.Refused.class)
        .hasMessage("not followed: a redirect from https to http");
  }

  @Test
  void checkUri_redirectHttpToHttps_andRelative_accepted() throws Exception {
    assertThat(
            AiaFetcher.checkUri(
                "https://ca.example.com/i.cer", URI.create("http://ca.example.com/a")))
        .isEqualTo(URI.create("https://ca.example.com/i.cer"));
    assertThat(AiaFetcher.checkUri("../b/i.cer", URI.create("https://ca.example.com/a/x.cer")))
        .isEqualTo(URI.create("https://ca.example.com/b/i.cer"));
  }

  @Test
  void checkUri_otherSchemes_credentials_noHost_garbage_refused() {
    assertThatThrownBy(() -> AiaFetcher.checkUri("ldap://ldap.example.com/cn=CA", null))
        .hasMessage("not fetched: scheme 'ldap' is not fetched (only http and https are)");
    assertThatThrownBy(() -> AiaFetcher.checkUri("file:///etc/passwd", null))
        .hasMessage("not fetched: scheme 'file' is not fetched (only http and https are)");
    assertThatThrownBy(() -> AiaFetcher.checkUri("/relative.cer", null))
        .hasMessage("not fetched: scheme '' is not fetched (only http and https are)");
    assertThatThrownBy(() -> AiaFetcher.checkUri("http://u:p@ca.example.com/i.cer", null))
        .hasMessage("not fetched: the URL carries user information (credentials)");
    assertThatThrownBy(() -> AiaFetcher.checkUri("http:///i.cer", null))
        .hasMessage("not fetched: the URL has no host");
    assertThatThrownBy(() -> AiaFetcher.checkUri("http://ca example/ i", null))
        .hasMessage("not a valid URL");
  }

  @Test
  void parse_overTheLimit_refusedBeforeDecoding() {
    assertThatThrownBy(() -> AiaAnswers.parse(new byte[100], 99))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("the answer is 100 bytes, more than the limit of 99");
  }
}
