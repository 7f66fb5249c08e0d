package io.github.smimekit.exchange;

import static io.github.smimekit.exchange.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.testing.TestCertificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded property test: for random desired and current states, applying the plan's operations to an
 * in-memory model of Exchange gives the desired state, and planning again gives an empty plan.
 */
final class PlanPropertyTest {
  private static final int PEOPLE = 5;
  private static final Fixtures F = Fixtures.get();
  private static final List<List<TestCertificate>> CERTS = new ArrayList<>();

  static {
    for (int p = 0; p < PEOPLE; p++) {
      String email = "person" + p + "@contoso.example";
      CERTS.add(
          List.of(
              F.leaf(F.issuing, email, NOW.minus(Duration.ofDays(400)), 300), // expired
              F.leaf(F.issuing, email, NOW.minus(Duration.ofDays(200)), 365),
              F.leaf(F.issuing, email, NOW.minus(Duration.ofDays(100)), 365),
              F.leaf(F.issuing, email, NOW.minus(Duration.ofDays(10)), 365),
              F.leaf(F.partnerRoot, email, NOW.minus(Duration.ofDays(5)), 365)));
    }
  }

  static Stream<Long> seeds() {
    return IntStream.range(0, 25).mapToObj(i -> 1000L + i);
  }

  /** The model: identity → attribute values, plus the store. */
  private static final class Model {
    final Map<String, TenantRecipient> recipients = new LinkedHashMap<>();
    Optional<Bytes> store = Optional.empty();

    TenantState state() {
      return new TenantState(new ArrayList<>(recipients.values()), store);
    }

    void apply(ExchangeOperation op) {
      if (op instanceof NewMailContact c) {
        recipients.putIfAbsent(
            c.externalEmailAddress(),
            new TenantRecipient(
                RecipientType.MAIL_CONTACT,
                c.externalEmailAddress(),
                c.externalEmailAddress(),
                List.of(),
                List.of(),
                List.of()));
      } else if (op instanceof SetUserCertificates s) {
        TenantRecipient r = recipients.get(s.identity().value());
        assertThat(r).as("Set-* on a recipient that does not exist: %s", s.identity()).isNotNull();
        recipients.put(
            r.identity(),
            new TenantRecipient(
                r.type(),
                r.identity(),
                r.primarySmtpAddress(),
                r.proxyAddresses(),
                s.derValues(),
                r.userSMimeCertificates()));
      } else if (op instanceof SetUserSMimeCertificate s) {
        TenantRecipient r = recipients.get(s.identity().value());
        recipients.put(
            r.identity(),
            new TenantRecipient(
                r.type(),
                r.identity(),
                r.primarySmtpAddress(),
                r.proxyAddresses(),
                r.userCertificates(),
                s.blob().map(List::of).orElse(List.of())));
      } else if (op instanceof SetIssuingCa s) {
        store = Optional.of(s.store().encode());
      } else {
        throw new AssertionError("unexpected operation " + op);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void applyingThePlan_reachesDesiredState_andReplanningIsEmpty(long seed) {
    Random random = new Random(seed);
    Model model = new Model();
    List<DesiredRecipient> desired = new ArrayList<>();
    for (int p = 0; p < PEOPLE; p++) {
      String email = "person" + p + "@contoso.example";
      boolean contact = random.nextInt(3) == 0;
      RecipientType type = contact ? RecipientType.MAIL_CONTACT : RecipientType.MAILBOX;
      List<TestCertificate> mine = CERTS.get(p);
      if (!contact || random.nextBoolean()) {
        List<Bytes> held = new ArrayList<>();
        for (TestCertificate c : mine) {
          if (random.nextInt(3) == 0) {
            held.add(Fixtures.der(c));
          }
        }
        List<Bytes> smime =
            random.nextInt(4) == 0
                ? List.of(
                    Certificates.encodePkcs7(
                        List.of(mine.get(random.nextInt(mine.size())).certificate())))
                : List.of();
        model.recipients.put(
            email, new TenantRecipient(type, email, email, List.of(), held, smime));
      }
      if (random.nextInt(5) == 0) {
        continue; // not in the desired state
      }
      List<X509Certificate> want = new ArrayList<>();
      for (TestCertificate c : mine) {
        if (random.nextBoolean()) {
          want.add(c.certificate());
        }
      }
      desired.add(
          contact
              ? DesiredRecipient.contact(email, "Person " + p, email, want)
              : DesiredRecipient.of(type, email, want));
    }
    if (random.nextBoolean()) {
      model.store = Optional.of(Fixtures.store(F.root.certificate(), F.expiredRoot.certificate()));
    }
    IssuingCa ca =
        random.nextBoolean()
            ? new IssuingCa.Listed(F.cas())
            : new IssuingCa.FromChains(
                List.of(F.issuing.certificate()),
                List.of(F.root.certificate(), F.partnerRoot.certificate()));
    DesiredState state = new DesiredState(desired, Optional.of(ca));
    PlanOptions options = PlanOptions.at(NOW).withMaxCertificates(1 + random.nextInt(3));

    Plan plan = Planner.plan(state, model.state(), options);
    plan.operations().forEach(model::apply);

    for (RecipientPlan r : plan.recipients()) {
      if (r.status() == RecipientStatus.BLOCKED) {
        continue;
      }
      Set<String> expected = new HashSet<>();
      r.changes().stream()
          .filter(c -> c.attribute().equals("UserCertificate"))
          .filter(c -> c.kind() != CertificateChange.Kind.REMOVE)
          .forEach(c -> expected.add(c.sha1().hex()));
      Set<String> actual = new HashSet<>();
      for (Bytes b : model.recipients.get(r.identity().value()).userCertificates()) {
        actual.add(Thumbprint.sha1(Certificates.readOne(b)).hex());
      }
      assertThat(actual).as("seed %d, %s", seed, r.identity()).isEqualTo(expected);
      assertThat(actual.size()).as("seed %d", seed).isLessThanOrEqualTo(options.maxCertificates());
    }
    Plan again = Planner.plan(state, model.state(), options);
    assertThat(again.operations()).as("seed %d: %s", seed, Plans.text(again)).isEmpty();
  }
}
