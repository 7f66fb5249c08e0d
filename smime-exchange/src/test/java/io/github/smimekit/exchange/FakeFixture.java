package io.github.smimekit.exchange;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import io.github.smimekit.testing.exchange.FakeExchangeServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A started fake, a client pointed at it with fake time, and test certificates. */
final class FakeFixture implements AutoCloseable {
  static final TenantId TENANT = TenantId.parse("contoso.onmicrosoft.com");
  static final Instant NOW = TestPki.DEFAULT_NOW.plus(Duration.ofDays(1));

  final FakeExchangeServer server;
  final FakeTime time = new FakeTime(NOW);
  final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();
  final TestPki pki = TestPki.create(7);
  final TestCertificate root = pki.rootCa("Contoso Root").keyType(KeyType.EC_P256).build();

  FakeFixture() throws IOException {
    server =
        FakeExchangeServer.builder()
            .tenant(TENANT.value())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .start();
  }

  AccessTokenProvider tokens() {
    return request -> {
      tokenRequests.add(request);
      return AccessToken.fromString(server.acceptedToken(), null);
    };
  }

  ExchangeClient.Builder clientBuilder() {
    return ExchangeClient.builder()
        .baseUri(server.baseUri())
        .tenant(TENANT)
        .tokenProvider(tokens())
        .clock(time)
        .sleeper(time)
        .jitter(() -> 0.5)
        .requestTimeout(Duration.ofSeconds(20));
  }

  ExchangeClient client() {
    return clientBuilder().build();
  }

  Bytes leaf(String email) {
    return Bytes.copyOf(pki.leaf(root).email(email).keyType(KeyType.EC_P256).build().der());
  }

  @Override
  public void close() {
    server.close();
  }
}
