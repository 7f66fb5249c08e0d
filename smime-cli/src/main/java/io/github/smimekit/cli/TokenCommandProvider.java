package io.github.smimekit.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.smimekit.core.SmimeException;
import io.github.smimekit.exchange.AccessToken;
import io.github.smimekit.exchange.AccessTokenProvider;
import io.github.smimekit.exchange.TokenRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@code --token-command CMD}: an {@link AccessTokenProvider} that runs a helper command for the
 * token, the way {@code az account get-access-token} or a vault client is used in a pipeline.
 *
 * <p>The command runs through {@code sh -c} ({@code cmd /c} on Windows) with stdin closed and the
 * environment of the {@code smime} command plus {@code SMIME_TOKEN_SCOPE} (the scope asked for) and
 * {@code SMIME_TOKEN_REFRESH} ({@code 1} when a fresh token is needed). Its stdout (at most 1 MiB),
 * trimmed, is the token; or, when it is a JSON object, its {@code accessToken} (or {@code
 * access_token}) string, with {@code expires_on} (epoch seconds) or {@code expiresOn} (ISO-8601) as
 * the expiry. Its stderr is read and discarded: a helper may print secrets there.
 *
 * <p>The token is kept and reused until 5 minutes before its expiry when known, and until the
 * client asks for a fresh one (after an HTTP 401) otherwise, so the command does not run per
 * request. Thread-safe: one run at a time.
 */
final class TokenCommandProvider implements AccessTokenProvider {
  /** How long the command may run. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  /** The most stdout read. */
  static final int MAX_OUTPUT_BYTES = 1 << 20;

  private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String command;
  private final Map<String, String> env;
  private final Duration timeout;
  private final Clock clock;
  private final Object lock = new Object();
  private @Nullable AccessToken cached;

  TokenCommandProvider(String command, Map<String, String> env, Duration timeout, Clock clock) {
    this.command = requireNonNull(command, "command");
    this.env = Map.copyOf(env);
    this.timeout = requireNonNull(timeout, "timeout");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public AccessToken token(TokenRequest request) {
    requireNonNull(request, "request");
    synchronized (lock) {
      AccessToken c = cached;
      if (!request.forceRefresh() && c != null && !expiresSoon(c)) {
        return c;
      }
      AccessToken fresh = run(request);
      if (c != null) {
        c.destroy();
      }
      cached = fresh;
      return fresh;
    }
  }

  private boolean expiresSoon(AccessToken t) {
    return t.expiresAt().map(e -> !e.isAfter(clock.instant().plus(RENEW_BEFORE))).orElse(false);
  }

  private String named() {
    return "--token-command '"
        + Text.safe(command.length() > 200 ? command.substring(0, 200) + "..." : command)
        + "'";
  }

  private AccessToken run(TokenRequest request) {
    List<String> argv = new ArrayList<>();
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
      argv.addAll(List.of("cmd", "/c", command));
    } else {
      argv.addAll(List.of("sh", "-c", command));
    }
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().putAll(env);
    pb.environment().put("SMIME_TOKEN_SCOPE", request.scope());
    pb.environment().put("SMIME_TOKEN_REFRESH", request.forceRefresh() ? "1" : "0");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new SmimeException(named() + " could not be started (" + Inputs.ioReason(e) + ")", e);
    }
    byte[] out;
    try {
      p.getOutputStream().close();
      Drain stdout = new Drain(p.getInputStream(), MAX_OUTPUT_BYTES);
      Drain stderr = new Drain(p.getErrorStream(), 0);
      stdout.start();
      stderr.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new SmimeException(
            named() + " did not finish within " + timeout.toSeconds() + " s and was stopped");
      }
      stdout.join(timeout.toMillis());
      stderr.join(timeout.toMillis());
      if (p.exitValue() != 0) {
        throw new SmimeException(
            named()
                + " exited with status "
                + p.exitValue()
                + " (its output is not shown; run it by hand to see why)");
      }
      if (stdout.overflow) {
        throw new SmimeException(named() + " printed more than " + MAX_OUTPUT_BYTES + " bytes");
      }
      out = stdout.bytes();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new SmimeException("interrupted while running " + named(), e);
    } catch (IOException e) {
      throw new SmimeException(named() + ": " + Inputs.ioReason(e), e);
    }
    return parse(new String(out, StandardCharsets.UTF_8).strip());
  }

  private AccessToken parse(String text) {
    if (text.isEmpty()) {
      throw new SmimeException(named() + " printed no token");
    }
    String token = text;
    @Nullable Instant expires = null;
    if (text.startsWith("{")) {
      JsonNode doc;
      try {
        doc = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        throw new SmimeException(
            named() + " printed something that starts with '{' but is not JSON");
      }
      JsonNode t = doc.path("accessToken");
      if (!t.isTextual()) {
        t = doc.path("access_token");
      }
      if (!t.isTextual() || t.asText().isBlank()) {
        throw new SmimeException(named() + " printed JSON without an 'accessToken' string");
      }
      token = t.asText().strip();
      expires = expiry(doc);
    } else if (text.indexOf('\n') >= 0) {
      throw new SmimeException(
          named() + " printed more than one line (expected the token alone, or JSON)");
    }
    try {
      return AccessToken.fromString(token, expires);
    } catch (IllegalArgumentException e) {
      throw new SmimeException(
          named() + " printed a token with characters outside ASCII 0x21-0x7e");
    }
  }

  private static @Nullable Instant expiry(JsonNode doc) {
    JsonNode epoch = doc.path("expires_on");
    if (epoch.canConvertToLong()) {
      return Instant.ofEpochSecond(epoch.asLong());
    }
    if (epoch.isTextual() && epoch.asText().matches("[0-9]{1,12}")) {
      return Instant.ofEpochSecond(Long.parseLong(epoch.asText()));
    }
    JsonNode iso = doc.path("expiresOn");
    if (iso.isTextual()) {
      try {
        return Instant.parse(iso.asText());
      } catch (java.time.format.DateTimeParseException e) {
        return null; // az prints local time without a zone here; expires_on is the reliable field
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "TokenCommandProvider[" + named() + "]";
  }

  /** Reads a stream to its end on its own thread, keeping at most {@code limit} bytes. */
  private static final class Drain extends Thread {
    private final InputStream in;
    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    volatile boolean overflow;

    Drain(InputStream in, int limit) {
      super("smime-token-command");
      setDaemon(true);
      this.in = in;
      this.limit = limit;
    }

    @Override
    public void run() {
      byte[] buf = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buf)) != -1) {
          int room = limit - kept.size();
          if (n > room) {
            if (limit > 0) {
              overflow = true;
            }
            kept.write(buf, 0, Math.max(room, 0));
          } else {
            kept.write(buf, 0, n);
          }
        }
      } catch (IOException e) {
        // the process went away; what was read is what there is
      }
    }

    synchronized byte[] bytes() {
      return kept.toByteArray();
    }
  }
}
