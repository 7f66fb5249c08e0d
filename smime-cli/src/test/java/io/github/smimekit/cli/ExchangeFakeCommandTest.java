package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.exchange.AccessToken;
import io.github.smimekit.exchange.AccessTokenProvider;
import io.github.smimekit.exchange.CmdletCall;
import io.github.smimekit.exchange.ExchangeClient;
import io.github.smimekit.exchange.ParameterValue;
import io.github.smimekit.exchange.TenantId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code smime exchange fake}. The command is run on its own here; it is attached under {@code
 * smime exchange} by the command tree.
 */
@Timeout(60)
final class ExchangeFakeCommandTest {
  @Test
  void fake_printsBaseUri_servesRequests_andSavesState(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("tenant.json");
    StringWriter out = new StringWriter();
    ExchangeFakeCommand cmd = new ExchangeFakeCommand();
    cmd.context =
        new CliContext(
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true),
            Map.of(),
            Clock.systemUTC());
    ExecutorService ex = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> run =
          ex.submit(() -> new CommandLine(cmd).execute("--state", state.toString()));
      String first = "";
      for (int i = 0; i < 200 && !out.toString().contains("\n"); i++) {
        Thread.sleep(25);
      }
      first = out.toString().lines().findFirst().orElseThrow();
      assertThat(first).matches("http://127\\.0\\.0\\.1:\\d+/adminapi/beta/");
      String token = out.toString().lines().skip(1).findFirst().orElseThrow().substring(7);

      ExchangeClient client =
          ExchangeClient.builder()
              .baseUri(URI.create(first))
              .tenant(TenantId.parse("contoso.onmicrosoft.com"))
              .tokenProvider(AccessTokenProvider.fixed(AccessToken.of(token.toCharArray())))
              .build();
      client.invoke(
          CmdletCall.builder("New-MailContact")
              .put("Name", ParameterValue.text("Bob"))
              .put("ExternalEmailAddress", ParameterValue.text("bob@fabrikam.com"))
              .build());
      assertThat(Files.readString(state)).contains("bob@fabrikam.com");

      cmd.stop.countDown();
      assertThat(run.get(10, TimeUnit.SECONDS)).isZero();
    } finally {
      ex.shutdownNow();
    }
  }
}
