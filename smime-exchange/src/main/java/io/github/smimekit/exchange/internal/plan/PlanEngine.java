package io.github.smimekit.exchange.internal.plan;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.CertificateChain;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.ChainDiagnosis;
import io.github.smimekit.core.ChainResolver;
import io.github.smimekit.core.ChainResult;
import io.github.smimekit.core.ChainStatus;
import io.github.smimekit.core.Finding;
import io.github.smimekit.core.FitnessReport;
import io.github.smimekit.core.Severity;
import io.github.smimekit.core.SmimeException;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.exchange.CaStorePlan;
import io.github.smimekit.exchange.CertificateChange;
import io.github.smimekit.exchange.DesiredRecipient;
import io.github.smimekit.exchange.DesiredState;
import io.github.smimekit.exchange.ExchangeException;
import io.github.smimekit.exchange.ExchangeFinding;
import io.github.smimekit.exchange.ExchangeOperation;
import io.github.smimekit.exchange.IssuingCa;
import io.github.smimekit.exchange.NewMailContact;
import io.github.smimekit.exchange.Plan;
import io.github.smimekit.exchange.PlanOptions;
import io.github.smimekit.exchange.RecipientPlan;
import io.github.smimekit.exchange.RecipientStatus;
import io.github.smimekit.exchange.RecipientType;
import io.github.smimekit.exchange.SetIssuingCa;
import io.github.smimekit.exchange.SetUserCertificates;
import io.github.smimekit.exchange.SetUserSMimeCertificate;
import io.github.smimekit.exchange.TenantRecipient;
import io.github.smimekit.exchange.TenantState;
import io.github.smimekit.sst.SerializedStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * The planner's rules (see {@link io.github.smimekit.exchange.Planner}).
 *
 * <p>Cost: within one plan each distinct certificate (equal DER) is hashed, fitness-checked (per
 * address it is checked against) and chain-checked once, with one chain resolver per plan so a
 * verified CA-to-CA link is verified once; the certificates the tenant holds are only hashed (and
 * parsed when shown as removed), never re-verified. The per-recipient work (selection, fitness,
 * chains, operations) runs on the common fork-join pool when a plan is large enough: each task
 * touches only its own recipient and results are gathered in input order, so the plan is identical
 * to the sequential one. Nothing is remembered across plans.
 */
public final class PlanEngine {
  private static final String USER_CERTIFICATE = "UserCertificate";
  private static final String USER_SMIME_CERTIFICATE = "UserSMimeCertificate";
  private static final String ISSUING_CA = "SMIMECertificateIssuingCA";

  /** Below this many recipients the plan is computed on the calling thread alone. */
  public static final int PARALLEL_THRESHOLD = 64;

  private final PlanOptions options;
  private final Instant at;
  private final @Nullable TenantState current;
  private final boolean parallel;
  private final Map<String, TenantRecipient> currentByKey = new HashMap<>();

  /** SHA-1 thumbprints (upper-case hex) of this plan's certificates, by certificate. */
  private final ConcurrentHashMap<X509Certificate, Thumbprint> sha1s = new ConcurrentHashMap<>();

  /** Fitness outcomes of this plan, by certificate and the address it was checked against. */
  private final ConcurrentHashMap<FitnessKey, Fit> fits = new ConcurrentHashMap<>();

  /** Chain outcomes against the planned store, by certificate. */
  private final ConcurrentHashMap<X509Certificate, ChainResult> chains = new ConcurrentHashMap<>();

  private record FitnessKey(X509Certificate certificate, String expected) {}

  /** A fitness report, or why the certificate could not be checked. */
  private record Fit(@Nullable FitnessReport report, @Nullable String error) {}

  private PlanEngine(PlanOptions options, @Nullable TenantState current, boolean parallel) {
    this.parallel = parallel;
    this.options = options;
    this.at = options.at();
    this.current = current;
    if (current != null) {
      for (TenantRecipient r : current.recipients()) {
        currentByKey.putIfAbsent(key(r.identity()), r);
      }
      for (TenantRecipient r : current.recipients()) {
        currentByKey.putIfAbsent(key(r.primarySmtpAddress()), r);
      }
    }
  }

  /** Plans. */
  public static Plan plan(
      DesiredState desired,
      Optional<TenantState> current,
      List<X509Certificate> bulk,
      PlanOptions options) {
    return plan(desired, current, bulk, options, true);
  }

  /**
   * Plans, on the calling thread alone when {@code parallel} is false (the result is the same).
   *
   * @param desired what the tenant should hold
   * @param current what it holds, when known
   * @param bulk certificates to match to recipients
   * @param options the settings
   * @param parallel whether large plans may use the common fork-join pool
   * @return the plan
   */
  public static Plan plan(
      DesiredState desired,
      Optional<TenantState> current,
      List<X509Certificate> bulk,
      PlanOptions options,
      boolean parallel) {
    return new PlanEngine(options, current.orElse(null), parallel).run(desired, bulk);
  }

  /** Runs {@code task} for 0..n-1, in parallel for large plans; each index owns its own data. */
  private void forEachIndex(int n, IntConsumer task) {
    if (parallel && n >= PARALLEL_THRESHOLD) {
      IntStream.range(0, n).parallel().forEach(task);
    } else {
      for (int i = 0; i < n; i++) {
        task.accept(i);
      }
    }
  }

  /** The SHA-1 thumbprint of {@code c}, computed once per plan. */
  private Thumbprint thumbprint(X509Certificate c) {
    return sha1s.computeIfAbsent(c, Thumbprint::sha1);
  }

  /** {@link #thumbprint} in upper-case hex. */
  private String hex(X509Certificate c) {
    return thumbprint(c).hex();
  }

  private static String key(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** One recipient's certificates after selection, with its findings so far. */
  private static final class Work {
    final DesiredRecipient desired;
    final @Nullable TenantRecipient current;
    final List<ExchangeFinding> findings = new ArrayList<>();
    List<X509Certificate> selected = List.of();

    Work(DesiredRecipient desired, @Nullable TenantRecipient current) {
      this.desired = desired;
      this.current = current;
    }

    boolean blocked() {
      return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    String who() {
      return desired.type().jsonName() + " '" + desired.identity() + "'";
    }
  }

  private Plan run(DesiredState desired, List<X509Certificate> bulk) {
    List<ExchangeFinding> general = new ArrayList<>();
    List<DesiredRecipient> recipients = new ArrayList<>(desired.recipients());
    if (!bulk.isEmpty()) {
      recipients = BulkMatcher.apply(recipients, current, bulk, options, general);
    }

    List<Work> works = new ArrayList<>(recipients.size());
    for (DesiredRecipient d : recipients) {
      works.add(new Work(d, currentByKey.get(key(d.identity().value()))));
    }
    forEachIndex(
        works.size(),
        i -> {
          Work w = works.get(i);
          checkExistence(w);
          select(w);
        });

    // The issuing-CA store.
    List<ExchangeFinding> storeFindings = new ArrayList<>();
    List<X509Certificate> currentCas = currentStoreCertificates(storeFindings);
    List<X509Certificate> planned =
        plannedStore(desired.issuingCa(), works, currentCas, storeFindings);
    boolean chainsFromStore = desired.issuingCa().orElse(null) instanceof IssuingCa.FromChains;
    if (!chainsFromStore) {
      checkChainsAgainst(planned, works);
    }
    CaStorePlan caStore = caStorePlan(currentCas, planned, storeFindings);

    List<ExchangeOperation> operations = new ArrayList<>();
    caStore.operation().ifPresent(operations::add);
    RecipientPlan[] computed = new RecipientPlan[works.size()];
    forEachIndex(works.size(), i -> computed[i] = recipientPlan(works.get(i)));
    List<RecipientPlan> plans = new ArrayList<>(computed.length);
    for (RecipientPlan p : computed) {
      operations.addAll(p.operations());
      plans.add(p);
    }
    return new Plan(at, operations, caStore, plans, general);
  }

  // --- recipients ---------------------------------------------------------------------------

  private void checkExistence(Work w) {
    DesiredRecipient d = w.desired;
    if (w.current != null && w.current.type() != d.type()) {
      w.findings.add(
          ExchangeFinding.error(
              "type-mismatch",
              w.who() + " is a " + w.current.type().jsonName() + " in the tenant"));
      return;
    }
    if (d.type() == RecipientType.MAIL_CONTACT) {
      if (w.current == null && d.name().isEmpty()) {
        w.findings.add(
            ExchangeFinding.error(
                "missing-name",
                w.who() + " must be created but has no 'name' in the desired state"));
      }
      return;
    }
    if (w.current == null && current != null) {
      w.findings.add(
          ExchangeFinding.error(
              "not-found",
              w.who() + " is not in the current state (only mail contacts are created here)"));
    }
  }

  /** Dedupe, drop expired, keep the newest N, check fitness. */
  private void select(Work w) {
    Map<Thumbprint, X509Certificate> bySha1 = new LinkedHashMap<>();
    for (X509Certificate c : w.desired.certificates()) {
      Thumbprint t = thumbprint(c);
      if (bySha1.putIfAbsent(t, c) != null) {
        w.findings.add(
            ExchangeFinding.info(
                "duplicate", w.who() + ": certificate " + t.hex() + " is listed twice"));
      }
    }
    List<X509Certificate> valid = new ArrayList<>();
    for (Map.Entry<Thumbprint, X509Certificate> e : bySha1.entrySet()) {
      X509Certificate c = e.getValue();
      Instant notAfter = c.getNotAfter().toInstant();
      if (options.dropExpired() && notAfter.isBefore(at)) {
        w.findings.add(
            ExchangeFinding.info(
                "expired-dropped",
                w.who()
                    + ": certificate "
                    + e.getKey().hex()
                    + " expired on "
                    + notAfter
                    + " and is dropped"));
      } else {
        valid.add(c);
      }
    }
    valid.sort(newestFirst);
    if (valid.size() > options.maxCertificates()) {
      for (X509Certificate c : valid.subList(options.maxCertificates(), valid.size())) {
        w.findings.add(
            ExchangeFinding.info(
                "superseded",
                w.who()
                    + ": certificate "
                    + hex(c)
                    + " is dropped, "
                    + options.maxCertificates()
                    + " newer ones are kept"));
      }
      valid = new ArrayList<>(valid.subList(0, options.maxCertificates()));
    }
    w.selected = List.copyOf(valid);
    if (w.selected.isEmpty() && !w.desired.certificates().isEmpty()) {
      w.findings.add(
          ExchangeFinding.warning(
              "no-valid-certificate", w.who() + " is left without a valid certificate"));
    }
    if (!w.selected.isEmpty()) {
      List<String> addresses = addresses(w);
      for (X509Certificate c : w.selected) {
        fitness(w, c, addresses);
      }
    }
  }

  private final Comparator<X509Certificate> newestFirst =
      Comparator.<X509Certificate, Instant>comparing(c -> c.getNotBefore().toInstant())
          .thenComparing(c -> c.getNotAfter().toInstant())
          .reversed()
          .thenComparing(this::thumbprint); // the order of the hex

  private void fitness(Work w, X509Certificate c, List<String> addresses) {
    String expected = null;
    if (addresses.size() == 1) {
      expected = addresses.get(0);
    } else if (!addresses.isEmpty()) {
      // the address the certificate names, if it is one of them; else the primary
      expected = addresses.get(0);
      Optional<String> certAddress;
      try {
        certAddress = Certificates.primaryEmail(c);
      } catch (SmimeException e) {
        certAddress = Optional.empty();
      }
      if (certAddress.isPresent()) {
        for (String a : addresses) {
          if (a.equalsIgnoreCase(certAddress.get())) {
            expected = a;
            break;
          }
        }
      }
    }
    Fit fit = fit(c, expected);
    FitnessReport report = fit.report();
    if (report == null) {
      w.findings.add(
          ExchangeFinding.error(
              "malformed-certificate",
              w.who() + ": certificate " + hex(c) + " cannot be checked: " + fit.error()));
      return;
    }
    for (Finding f : report.findings()) {
      if (f.severity() == Severity.INFO) {
        continue;
      }
      String message = w.who() + ": certificate " + hex(c) + ": " + f.message();
      w.findings.add(new ExchangeFinding(f.severity(), f.code().code(), message));
    }
  }

  /** The fitness of {@code c} for {@code expected} (none when null), checked once per plan. */
  private Fit fit(X509Certificate c, @Nullable String expected) {
    FitnessKey k = new FitnessKey(c, expected == null ? "" : expected);
    Fit fit = fits.get(k);
    if (fit != null) {
      return fit;
    }
    try {
      fit =
          new Fit(
              expected == null
                  ? options.fitness().check(c, options.purpose(), at)
                  : options.fitness().check(c, expected, options.purpose(), at),
              null);
    } catch (SmimeException e) {
      fit = new Fit(null, e.getMessage());
    }
    Fit raced = fits.putIfAbsent(k, fit);
    return raced == null ? fit : raced;
  }

  /** The addresses a certificate may match: primary first, then proxies when allowed. */
  private List<String> addresses(Work w) {
    List<String> out = new ArrayList<>();
    if (w.current != null) {
      out.add(w.current.primarySmtpAddress());
      if (options.matchProxyAddresses()) {
        out.addAll(w.current.proxyAddresses());
      }
      return out;
    }
    DesiredRecipient d = w.desired;
    if (d.externalEmailAddress().isPresent()) {
      out.add(d.externalEmailAddress().get());
    } else if (d.identity().value().indexOf('@') > 0) {
      out.add(d.identity().value());
    }
    return out;
  }

  // --- the issuing-CA store ----------------------------------------------------------------

  private List<X509Certificate> currentStoreCertificates(List<ExchangeFinding> findings) {
    if (current == null || current.issuingCaStore().isEmpty()) {
      return List.of();
    }
    try {
      SerializedStore store = SerializedStore.read(current.issuingCaStore().get());
      List<X509Certificate> out = new ArrayList<>();
      for (var e : store.certificateEntries()) {
        e.tryCertificate().ifPresent(out::add);
      }
      return dedupe(out);
    } catch (SmimeException e) {
      findings.add(
          ExchangeFinding.warning(
              "current-store-unreadable",
              "the tenant's issuing-CA store does not decode and is replaced: " + e.getMessage()));
      return List.of();
    }
  }

  private List<X509Certificate> plannedStore(
      Optional<IssuingCa> source,
      List<Work> works,
      List<X509Certificate> currentCas,
      List<ExchangeFinding> findings) {
    List<X509Certificate> planned = new ArrayList<>();
    Map<X509Certificate, String> fetchedFrom = new LinkedHashMap<>();
    Set<String> failedUrls = new HashSet<>();
    if (source.isEmpty()) {
      planned.addAll(currentCas);
    } else if (source.get() instanceof IssuingCa.Listed l) {
      planned.addAll(l.certificates());
    } else if (source.get() instanceof IssuingCa.FromStore s) {
      planned.addAll(s.store().certificates());
    } else if (source.get() instanceof IssuingCa.FromChains fc) {
      ChainResolver.Builder rb =
          ChainResolver.builder().trustAnchors(fc.anchors()).intermediates(fc.pool());
      fc.fetch().ifPresent(rb::fetch);
      ChainResolver resolver = rb.build();
      for (Work w : works) {
        if (w.blocked()) {
          continue;
        }
        for (X509Certificate c : w.selected) {
          ChainResult r = resolver.resolve(c, at);
          Optional<CertificateChain> chain = r.chain();
          if (chain.isPresent()) {
            planned.addAll(chain.get().caCertificates());
            for (X509Certificate ca : chain.get().caCertificates()) {
              r.fetchedFrom(ca).ifPresent(url -> fetchedFrom.putIfAbsent(ca, url));
            }
          } else {
            chainFinding(w, c, r.diagnosis().orElse(null), false);
          }
          FetchFindings.failedFetches(w.who(), c, r.fetches(), failedUrls, findings);
        }
      }
    }
    planned = new ArrayList<>(dedupe(planned));
    if (source.isPresent() && options.keepUnusedCas()) {
      planned.addAll(currentCas);
      planned = new ArrayList<>(dedupe(planned));
    }
    for (X509Certificate c : currentCas) {
      if (c.getNotAfter().toInstant().isBefore(at) && !planned.contains(c)) {
        findings.add(
            ExchangeFinding.warning(
                "expired-ca",
                "CA certificate "
                    + Thumbprint.sha1(c).hex()
                    + " '"
                    + subject(c)
                    + "' in the tenant's store expired on "
                    + c.getNotAfter().toInstant()
                    + " and is removed (it makes Exchange refuse any upload)"));
      }
    }
    List<X509Certificate> out = new ArrayList<>();
    for (X509Certificate c : planned) {
      if (c.getNotAfter().toInstant().isBefore(at)) {
        String what =
            "CA certificate "
                + Thumbprint.sha1(c).hex()
                + " '"
                + subject(c)
                + "' expired on "
                + c.getNotAfter().toInstant();
        if (currentCas.contains(c)) {
          findings.add(
              ExchangeFinding.warning(
                  "expired-ca",
                  what
                      + " and is removed from the tenant's store (it makes Exchange refuse any"
                      + " upload)"));
        } else {
          findings.add(
              ExchangeFinding.info("expired-ca-dropped", what + " and is left out of the store"));
        }
      } else {
        out.add(c);
      }
    }
    FetchFindings.fetchedCas(out, fetchedFrom, currentCas, findings);
    return out;
  }

  private void checkChainsAgainst(List<X509Certificate> store, List<Work> works) {
    List<X509Certificate> anchors = new ArrayList<>();
    List<X509Certificate> intermediates = new ArrayList<>();
    for (X509Certificate c : store) {
      if (c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
        anchors.add(c);
      } else {
        intermediates.add(c);
      }
    }
    // One resolver for the whole plan: a CA-to-CA link is verified once, whatever the count.
    ChainResolver resolver =
        ChainResolver.builder().trustAnchors(anchors).intermediates(intermediates).build();
    forEachIndex(
        works.size(),
        i -> {
          Work w = works.get(i);
          if (w.blocked()) {
            return;
          }
          for (X509Certificate c : w.selected) {
            ChainResult r = chains.get(c);
            if (r == null) {
              r = resolver.resolve(c, at);
              chains.putIfAbsent(c, r);
            }
            if (!r.isValid()) {
              chainFinding(w, c, r.diagnosis().orElse(null), true);
            }
          }
        });
  }

  private void chainFinding(
      Work w, X509Certificate c, @Nullable ChainDiagnosis d, boolean againstStore) {
    String prefix = w.who() + ": certificate " + hex(c) + ": ";
    if (d != null
        && (d.status() == ChainStatus.ISSUER_NOT_FOUND
            || d.status() == ChainStatus.UNTRUSTED_ROOT
            || d.status() == ChainStatus.NO_PATH)) {
      X509Certificate where = d.certificate().orElse(c);
      String missing =
          d.status() == ChainStatus.UNTRUSTED_ROOT
              ? subject(where)
              : Certificates.displayName(where.getIssuerX500Principal());
      w.findings.add(
          ExchangeFinding.error(
              "missing-ca",
              prefix
                  + (againstStore
                      ? "the planned issuing-CA store lacks the CA '"
                      : "no chain: the pool lacks the CA '")
                  + missing
                  + "' (Outlook on the web trusts only that store); "
                  + d.reason()));
      return;
    }
    w.findings.add(
        ExchangeFinding.error(
            "chain",
            prefix
                + (againstStore ? "no chain to the planned issuing-CA store: " : "no chain: ")
                + (d == null ? "unknown reason" : d.reason())));
  }

  private CaStorePlan caStorePlan(
      List<X509Certificate> currentCas,
      List<X509Certificate> planned,
      List<ExchangeFinding> findings) {
    Set<String> plannedSha1 = new HashSet<>();
    for (X509Certificate c : planned) {
      plannedSha1.add(Thumbprint.sha1(c).hex());
    }
    Set<String> currentSha1 = new HashSet<>();
    for (X509Certificate c : currentCas) {
      currentSha1.add(Thumbprint.sha1(c).hex());
    }
    List<CertificateChange> changes = new ArrayList<>();
    for (X509Certificate c : planned) {
      changes.add(
          change(
              currentSha1.contains(Thumbprint.sha1(c).hex())
                  ? CertificateChange.Kind.KEEP
                  : CertificateChange.Kind.ADD,
              ISSUING_CA,
              c));
    }
    for (X509Certificate c : currentCas) {
      if (!plannedSha1.contains(Thumbprint.sha1(c).hex())) {
        changes.add(change(CertificateChange.Kind.REMOVE, ISSUING_CA, c));
      }
    }
    boolean storeUnreadable =
        findings.stream().anyMatch(f -> f.code().equals("current-store-unreadable"));
    boolean changed =
        storeUnreadable || changes.stream().anyMatch(c -> c.kind() != CertificateChange.Kind.KEEP);
    Optional<SetIssuingCa> op = Optional.empty();
    if (changed) {
      SerializedStore store = SerializedStore.builder().addAll(planned).build();
      try {
        op = Optional.of(new SetIssuingCa(store, at, options.storeCheck()));
        findings.addAll(op.get().warnings());
      } catch (ExchangeException e) {
        for (ExchangeFinding f : options.storeCheck().check(store, at)) {
          findings.add(f);
        }
      }
    }
    return new CaStorePlan(changes, findings, op);
  }

  // --- operations ---------------------------------------------------------------------------

  private RecipientPlan recipientPlan(Work w) {
    DesiredRecipient d = w.desired;
    List<CertificateChange> changes = new ArrayList<>();
    List<ExchangeOperation> ops = new ArrayList<>();
    List<Bytes> currentValues = w.current == null ? List.of() : w.current.userCertificates();
    List<String> currentHex = new ArrayList<>(currentValues.size());
    for (Bytes b : currentValues) {
      currentHex.add(Thumbprint.sha1(b).hex());
    }
    Set<String> currentSha1 = new HashSet<>(currentHex);
    Set<String> plannedSha1 = new HashSet<>();
    for (X509Certificate c : w.selected) {
      Thumbprint t = thumbprint(c);
      String s = t.hex();
      plannedSha1.add(s);
      changes.add(
          change(
              currentSha1.contains(s) ? CertificateChange.Kind.KEEP : CertificateChange.Kind.ADD,
              USER_CERTIFICATE,
              c,
              t));
    }
    Set<String> listed = new HashSet<>();
    for (int i = 0; i < currentValues.size(); i++) {
      String s = currentHex.get(i);
      if (!plannedSha1.contains(s) && listed.add(s)) {
        changes.add(
            rawChange(CertificateChange.Kind.REMOVE, USER_CERTIFICATE, currentValues.get(i)));
      }
    }
    // UserSMimeCertificate
    boolean stale = false;
    List<Bytes> smime = w.current == null ? List.of() : w.current.userSMimeCertificates();
    for (Bytes blob : smime) {
      List<X509Certificate> inside;
      try {
        inside = Certificates.read(blob);
      } catch (SmimeException e) {
        inside = null;
      }
      boolean fresh =
          inside != null
              && !inside.isEmpty()
              && inside.stream()
                  .filter(c -> c.getBasicConstraints() < 0)
                  .allMatch(c -> plannedSha1.contains(hex(c)));
      if (!fresh) {
        stale = true;
        changes.add(rawChange(CertificateChange.Kind.REMOVE, USER_SMIME_CERTIFICATE, blob));
      }
    }
    if (stale) {
      w.findings.add(
          ExchangeFinding.warning(
              "stale-user-smime-certificate",
              w.who()
                  + ": UserSMimeCertificate holds a certificate not planned for UserCertificate;"
                  + " Outlook prefers it, so it hides the new certificates"
                  + (options.clearStaleUserSMimeCertificate()
                      ? " (it is cleared)"
                      : " (kept: clearing is turned off)")));
    }
    if (w.blocked()) {
      return new RecipientPlan(
          d.type(), d.identity(), RecipientStatus.BLOCKED, changes, w.findings, List.of());
    }
    boolean create = d.type() == RecipientType.MAIL_CONTACT && w.current == null;
    if (create) {
      ops.add(
          new NewMailContact(
              d.name().orElse(d.identity().value()),
              d.externalEmailAddress().orElse(d.identity().value()),
              Optional.empty()));
    }
    boolean sameCertificates =
        currentSha1.equals(plannedSha1) && currentValues.size() == plannedSha1.size();
    if (!sameCertificates || (w.current == null && !w.selected.isEmpty())) {
      SetUserCertificates set = new SetUserCertificates(d.type(), d.identity(), w.selected);
      w.findings.addAll(set.warnings());
      ops.add(set);
    }
    if (stale && options.clearStaleUserSMimeCertificate()) {
      ops.add(SetUserSMimeCertificate.clear(d.type(), d.identity()));
    }
    RecipientStatus status =
        create && current != null
            ? RecipientStatus.CREATE
            : ops.isEmpty() ? RecipientStatus.UNCHANGED : RecipientStatus.CHANGE;
    return new RecipientPlan(d.type(), d.identity(), status, changes, w.findings, ops);
  }

  private static CertificateChange change(
      CertificateChange.Kind kind, String attribute, X509Certificate c) {
    return change(kind, attribute, c, Thumbprint.sha1(c));
  }

  private static CertificateChange change(
      CertificateChange.Kind kind, String attribute, X509Certificate c, Thumbprint sha1) {
    return new CertificateChange(
        kind, attribute, sha1, subject(c), Optional.of(c.getNotAfter().toInstant()));
  }

  private static CertificateChange rawChange(
      CertificateChange.Kind kind, String attribute, Bytes value) {
    Thumbprint sha1 = Thumbprint.sha1(value);
    try {
      List<X509Certificate> certs = Certificates.read(value);
      if (certs.size() == 1) {
        return change(kind, attribute, certs.get(0));
      }
      if (!certs.isEmpty()) {
        return new CertificateChange(
            kind,
            attribute,
            sha1,
            "PKCS#7 with " + certs.size() + " certificates",
            Optional.empty());
      }
    } catch (SmimeException e) {
      // described below
    }
    return new CertificateChange(
        kind, attribute, sha1, "(" + value.size() + " bytes, not a certificate)", Optional.empty());
  }

  static List<X509Certificate> dedupe(List<X509Certificate> certificates) {
    Map<String, X509Certificate> bySha1 = new LinkedHashMap<>();
    for (X509Certificate c : certificates) {
      bySha1.putIfAbsent(Thumbprint.sha1(c).hex(), c);
    }
    return new ArrayList<>(bySha1.values());
  }

  static String subject(X509Certificate c) {
    return Certificates.displayName(c.getSubjectX500Principal());
  }
}
