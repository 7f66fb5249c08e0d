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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The planner's rules (see {@link io.github.smimekit.exchange.Planner}). */
public final class PlanEngine {
  private static final String USER_CERTIFICATE = "UserCertificate";
  private static final String USER_SMIME_CERTIFICATE = "UserSMimeCertificate";
  private static final String ISSUING_CA = "SMIMECertificateIssuingCA";

  private final PlanOptions options;
  private final Instant at;
  private final @Nullable TenantState current;
  private final Map<String, TenantRecipient> currentByKey = new HashMap<>();

  private PlanEngine(PlanOptions options, @Nullable TenantState current) {
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
    return new PlanEngine(options, current.orElse(null)).run(desired, bulk);
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

    List<Work> works = new ArrayList<>();
    for (DesiredRecipient d : recipients) {
      Work w = new Work(d, currentByKey.get(key(d.identity().value())));
      checkExistence(w);
      select(w);
      works.add(w);
    }

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
    List<RecipientPlan> plans = new ArrayList<>();
    for (Work w : works) {
      RecipientPlan p = recipientPlan(w);
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
    Map<String, X509Certificate> bySha1 = new LinkedHashMap<>();
    for (X509Certificate c : w.desired.certificates()) {
      if (bySha1.putIfAbsent(Thumbprint.sha1(c).hex(), c) != null) {
        w.findings.add(
            ExchangeFinding.info(
                "duplicate",
                w.who() + ": certificate " + Thumbprint.sha1(c).hex() + " is listed twice"));
      }
    }
    List<X509Certificate> valid = new ArrayList<>();
    for (Map.Entry<String, X509Certificate> e : bySha1.entrySet()) {
      X509Certificate c = e.getValue();
      Instant notAfter = c.getNotAfter().toInstant();
      if (options.dropExpired() && notAfter.isBefore(at)) {
        w.findings.add(
            ExchangeFinding.info(
                "expired-dropped",
                w.who()
                    + ": certificate "
                    + e.getKey()
                    + " expired on "
                    + notAfter
                    + " and is dropped"));
      } else {
        valid.add(c);
      }
    }
    valid.sort(NEWEST_FIRST);
    if (valid.size() > options.maxCertificates()) {
      for (X509Certificate c : valid.subList(options.maxCertificates(), valid.size())) {
        w.findings.add(
            ExchangeFinding.info(
                "superseded",
                w.who()
                    + ": certificate "
                    + Thumbprint.sha1(c).hex()
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
    for (X509Certificate c : w.selected) {
      fitness(w, c);
    }
  }

  private static final Comparator<X509Certificate> NEWEST_FIRST =
      Comparator.<X509Certificate, Instant>comparing(c -> c.getNotBefore().toInstant())
          .thenComparing(c -> c.getNotAfter().toInstant())
          .reversed()
          .thenComparing(c -> Thumbprint.sha1(c).hex());

  private void fitness(Work w, X509Certificate c) {
    List<String> addresses = addresses(w);
    String expected = null;
    if (!addresses.isEmpty()) {
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
    FitnessReport report;
    try {
      report =
          expected == null
              ? options.fitness().check(c, options.purpose(), at)
              : options.fitness().check(c, expected, options.purpose(), at);
    } catch (SmimeException e) {
      w.findings.add(
          ExchangeFinding.error(
              "malformed-certificate",
              w.who()
                  + ": certificate "
                  + Thumbprint.sha1(c).hex()
                  + " cannot be checked: "
                  + e.getMessage()));
      return;
    }
    for (Finding f : report.findings()) {
      if (f.severity() == Severity.INFO) {
        continue;
      }
      String message = w.who() + ": certificate " + Thumbprint.sha1(c).hex() + ": " + f.message();
      w.findings.add(new ExchangeFinding(f.severity(), f.code().code(), message));
    }
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
    ChainResolver resolver =
        ChainResolver.builder().trustAnchors(anchors).intermediates(intermediates).build();
    for (Work w : works) {
      if (w.blocked()) {
        continue;
      }
      for (X509Certificate c : w.selected) {
        ChainResult r = resolver.resolve(c, at);
        if (!r.isValid()) {
          chainFinding(w, c, r.diagnosis().orElse(null), true);
        }
      }
    }
  }

  private static void chainFinding(
      Work w, X509Certificate c, @Nullable ChainDiagnosis d, boolean againstStore) {
    String prefix = w.who() + ": certificate " + Thumbprint.sha1(c).hex() + ": ";
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
    Set<String> currentSha1 = new HashSet<>();
    for (Bytes b : currentValues) {
      currentSha1.add(sha1(b));
    }
    Set<String> plannedSha1 = new HashSet<>();
    for (X509Certificate c : w.selected) {
      String s = Thumbprint.sha1(c).hex();
      plannedSha1.add(s);
      changes.add(
          change(
              currentSha1.contains(s) ? CertificateChange.Kind.KEEP : CertificateChange.Kind.ADD,
              USER_CERTIFICATE,
              c));
    }
    Set<String> listed = new HashSet<>();
    for (Bytes b : currentValues) {
      String s = sha1(b);
      if (!plannedSha1.contains(s) && listed.add(s)) {
        changes.add(rawChange(CertificateChange.Kind.REMOVE, USER_CERTIFICATE, b));
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
                  .allMatch(c -> plannedSha1.contains(Thumbprint.sha1(c).hex()));
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
    return new CertificateChange(
        kind, attribute, Thumbprint.sha1(c), subject(c), Optional.of(c.getNotAfter().toInstant()));
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

  static String sha1(Bytes value) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().withUpperCase().formatHex(md.digest(value.toByteArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from the JDK", e);
    }
  }
}
