package io.github.smimekit.cli;

import io.github.smimekit.testing.exchange.FakeExchangeServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code smime exchange fake [--port N] [--state FILE]}: the loopback fake of the Exchange Online
 * Admin API, standalone, so other tools (and the {@code apply}/{@code verify} commands) can be
 * tried against it. Prints its base URI on the first line and runs until interrupted.
 */
@Command(
    name = "fake",
    footerHeading = Help.EXAMPLES,
    footer = {"  smime exchange fake --port 8443 --state tenant.json"},
    description = {
      "Run a loopback fake of the Exchange Online Admin API until interrupted (Ctrl-C).",
      "Prints its base URI (for --base-uri) on the first line; it accepts one fixed bearer token,"
          + " printed on the second line (a test value, not a secret)."
    })
final class ExchangeFakeCommand extends BaseCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "0",
      description = "Port on 127.0.0.1 (default: a free one).")
  int port;

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description =
          "JSON file the tenant state is loaded from (if it exists) and saved to after every change.")
  @Nullable Path state;

  /** Counted down to stop the server (tests); otherwise the command waits to be interrupted. */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws IOException {
    if (port < 0 || port > 65535) {
      throw new BadInputException("--port not in 0..65535: " + port);
    }
    FakeExchangeServer.Builder b = FakeExchangeServer.builder().port(port);
    if (state != null) {
      b.stateFile(state);
    }
    try (FakeExchangeServer server = b.start()) {
      if (json) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("baseUri", server.baseUri().toString());
        out.put("token", server.acceptedToken());
        out.put("state", state == null ? null : state.toString());
        printJson(out);
      } else {
        out().println(server.baseUri());
        out().println("token: " + server.acceptedToken());
        out().flush();
        err().println("smime: Exchange Admin API fake running; press Ctrl-C to stop");
        err().flush();
      }
      try {
        stop.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return ExitCode.OK;
  }
}
