package io.github.smimekit.exchange.internal.audit;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.ChainDiagnosis;
import io.github.smimekit.core.ChainResolver;
import io.github.smimekit.core.ChainResult;
import io.github.smimekit.core.Finding;
import io.github.smimekit.core.FindingCode;
import io.github.smimekit.core.FitnessReport;
import io.github.smimekit.core.Severity;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.exchange.AuditOptions;
import io.github.smimekit.exchange.AuditReport;
import io.github.smimekit.exchange.AuditedCertificate;
import io.github.smimekit.exchange.AuditedRecipient;
import io.github.smimekit.exchange.AuditedStore;
import io.github.smimekit.exchange.ExchangeFinding;
import io.github.smimekit.exchange.ExchangeLimits;
import io.github.smimekit.exchange.SetUserCertificates;
import io.github.smimekit.exchange.TenantRecipient;
import io.github.smimekit.exchange.TenantState;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.StoreEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The audit: pure, over a {@link TenantState}. Finding codes (stable): {@code expired}, {@code
 * expiring-soon}, {@code no-email}, {@code email-mismatch}, {@code email-not-primary}, {@code
 * email-matches-proxy}, core's fitness codes, {@code missing-ca}, {@code chain}, {@code
 * stale-user-smime-certificate}, {@code over-sync-limit}, {@code many-certificates}, {@code
 * value-too-large}, {@code undecodable-value}; for the store {@code no-issuing-ca-store}, {@code
 * store-undecodable}, {@code store-too-large}, {@code undecodable-certificate}, {@code expired-ca},
 * {@code ca-expiring-soon}, {@code not-a-ca}.
 */
public final class AuditEngine {
  private static final Set<FindingCode> HANDLED_HERE =
      Set.of(FindingCode.EXPIRED, FindingCode.EXPIRING_SOON, FindingCode.NO_EMAIL);

  private final AuditOptions options;
  private final Instant at;
  private final Instant soon;
  private final @Nullable ChainResolver resolver;

  private AuditEngine(AuditOptions options, List<X509Certificate> storeCertificates) {
    this.options = options;
    this.at = options.at();
    this.soon = at.plus(options.expiringWithin());
    if (storeCertificates.isEmpty()) {
      this.resolver = null;
    } else {
      List<X509Certificate> anchors = new ArrayList<>();
      List<X509Certificate> intermediates = new ArrayList<>();
      for (X509Certificate c : storeCertificates) {
        if (c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
          anchors.add(c);
        } else {
          intermediates.add(c);
        }
      }
      this.resolver =
          ChainResolver.builder().trustAnchors(anchors).intermediates(intermediates).build();
    }
  }

  /** Audits {@code state}. */
  public static AuditReport run(TenantState state, AuditOptions options) {
    List<ExchangeFinding> storeFindings = new ArrayList<>();
    List<X509Certificate> storeCerts = new ArrayList<>();
    List<AuditedCertificate> auditedStoreCerts = new ArrayList<>();
    Optional<Bytes> raw = state.issuingCaStore();
    boolean anyCertificates =
        state.recipients().stream()
            .anyMatch(r -> !r.userCertificates().isEmpty() || !r.userSMimeCertificates().isEmpty());
    if (raw.isEmpty()) {
      storeFindings.add(
          anyCertificates
              ? ExchangeFinding.warning(
                  "no-issuing-ca-store",
                  "no issuing-CA store is set: Outlook on the web trusts no recipient certificate")
              : ExchangeFinding.info("no-issuing-ca-store", "no issuing-CA store is set"));
    } else {
      auditStore(raw.get(), options, storeCerts, auditedStoreCerts, storeFindings);
    }
    AuditEngine engine = new AuditEngine(options, storeCerts);
    List<AuditedRecipient> recipients = new ArrayList<>();
    for (TenantRecipient r : state.recipients()) {
      if (r.userCertificates().isEmpty() && r.userSMimeCertificates().isEmpty()) {
        continue;
      }
      recipients.add(engine.recipient(r, raw.isPresent()));
    }
    return new AuditReport(
        options.at(),
        recipients,
        new AuditedStore(raw, auditedStoreCerts, storeFindings),
        List.of());
  }

  // --- the store -----------------------------------------------------------------------------

  private static void auditStore(
      Bytes raw,
      AuditOptions options,
      List<X509Certificate> certs,
      List<AuditedCertificate> audited,
      List<ExchangeFinding> findings) {
    SerializedStore store;
    try {
      store = SerializedStore.read(raw);
    } catch (RuntimeException e) {
      findings.add(
          ExchangeFinding.error(
              "store-undecodable",
              "the issuing-CA store of "
                  + raw.size()
                  + " bytes does not decode: "
                  + message(e)
                  + " (Outlook on the web trusts no recipient certificate)"));
      return;
    }
    long size = store.encodedSize();
    if (size > options.storeCheck().sizeLimitBytes()) {
      findings.add(
          ExchangeFinding.error(
              "store-too-large",
              "issuing-CA store of "
                  + size
                  + " bytes is over the limit of "
                  + options.storeCheck().sizeLimitBytes()
                  + " bytes (Exchange refuses to upload it again)"));
    }
    Instant at = options.at();
    Instant soon = at.plus(options.expiringWithin());
    int index = 0;
    for (StoreEntry e : store.certificateEntries()) {
      X509Certificate c;
      try {
        c = e.certificate();
      } catch (RuntimeException ex) {
        findings.add(
            ExchangeFinding.error(
                "undecodable-certificate",
                "issuing-CA store certificate #"
                    + index
                    + " (sha1 "
                    + e.sha1().hex().toUpperCase(Locale.ROOT)
                    + ") does not decode"));
        index++;
        continue;
      }
      index++;
      certs.add(c);
      List<ExchangeFinding> f = new ArrayList<>();
      String who = "issuing-CA store certificate " + Thumbprint.sha1(c).hex();
      Instant notAfter = c.getNotAfter().toInstant();
      if (notAfter.isBefore(at)) {
        f.add(
            ExchangeFinding.error(
                "expired-ca",
                who + " expired on " + notAfter + " (Exchange rejects the whole store on upload)"));
      } else if (notAfter.isBefore(soon)) {
        f.add(
            ExchangeFinding.warning(
                "ca-expiring-soon",
                who
                    + " expires on "
                    + notAfter
                    + ", within "
                    + options.expiringWithin().toDays()
                    + " days"));
      }
      if (c.getBasicConstraints() < 0) {
        f.add(
            ExchangeFinding.warning(
                "not-a-ca",
                who + " is not a CA certificate (Outlook on the web does not need it)"));
      }
      audited.add(certificate(c, f));
    }
  }

  // --- recipients ----------------------------------------------------------------------------

  private AuditedRecipient recipient(TenantRecipient r, boolean storePresent) {
    String who = r.type().jsonName() + " '" + r.identity() + "'";
    List<ExchangeFinding> findings = new ArrayList<>();
    Map<String, AuditedCertificate> bySha1 = new LinkedHashMap<>();
    List<X509Certificate> userCerts = new ArrayList<>();
    int n = r.userCertificates().size();
    if (n > ExchangeLimits.MAX_SYNCED_CERTIFICATE_VALUES) {
      findings.add(
          ExchangeFinding.error(
              "over-sync-limit",
              who
                  + " holds "
                  + n
                  + " UserCertificate values, over the limit of "
                  + ExchangeLimits.MAX_SYNCED_CERTIFICATE_VALUES
                  + " (Entra Connect stops syncing above it)"));
    } else if (n > SetUserCertificates.RECOMMENDED_MAXIMUM) {
      findings.add(
          ExchangeFinding.warning(
              "many-certificates",
              who
                  + " holds "
                  + n
                  + " UserCertificate values; more than "
                  + SetUserCertificates.RECOMMENDED_MAXIMUM
                  + " grow the offline address book"));
    }
    for (int i = 0; i < n; i++) {
      Bytes value = r.userCertificates().get(i);
      sizeCheck(who, "UserCertificate", i, value, findings);
      X509Certificate c;
      try {
        c = Certificates.readOne(value);
      } catch (RuntimeException e) {
        findings.add(undecodable(who, "UserCertificate", i, value, e));
        continue;
      }
      userCerts.add(c);
      bySha1.computeIfAbsent(Thumbprint.sha1(c).hex(), k -> audit(r, c, storePresent));
    }
    Optional<X509Certificate> newest =
        userCerts.stream()
            .filter(c -> !c.getNotAfter().toInstant().isBefore(at))
            .max(
                Comparator.<X509Certificate, Instant>comparing(c -> c.getNotBefore().toInstant())
                    .thenComparing(c -> Thumbprint.sha1(c).hex()));
    for (int i = 0; i < r.userSMimeCertificates().size(); i++) {
      Bytes blob = r.userSMimeCertificates().get(i);
      sizeCheck(who, "UserSMimeCertificate", i, blob, findings);
      List<X509Certificate> inside;
      try {
        inside = Certificates.read(blob);
      } catch (RuntimeException e) {
        findings.add(undecodable(who, "UserSMimeCertificate", i, blob, e));
        continue;
      }
      List<X509Certificate> leaves =
          inside.stream().filter(c -> c.getBasicConstraints() < 0).toList();
      for (X509Certificate c : leaves) {
        bySha1.computeIfAbsent(Thumbprint.sha1(c).hex(), k -> audit(r, c, storePresent));
      }
      String newestSha1 = newest.map(c -> Thumbprint.sha1(c).hex()).orElse(null);
      boolean hidesNewest =
          newestSha1 != null
              && leaves.stream().noneMatch(c -> Thumbprint.sha1(c).hex().equals(newestSha1));
      boolean holdsExpired =
          leaves.stream().anyMatch(c -> c.getNotAfter().toInstant().isBefore(at));
      if (leaves.isEmpty()) {
        findings.add(
            ExchangeFinding.warning(
                "stale-user-smime-certificate",
                who
                    + ": UserSMimeCertificate value #"
                    + i
                    + " holds no end-entity certificate; Outlook prefers it over"
                    + " UserCertificate"));
      } else if (hidesNewest || holdsExpired) {
        findings.add(
            ExchangeFinding.warning(
                "stale-user-smime-certificate",
                who
                    + ": UserSMimeCertificate value #"
                    + i
                    + " holds "
                    + String.join(", ", leaves.stream().map(c -> Thumbprint.sha1(c).hex()).toList())
                    + (hidesNewest
                        ? ", not the newest UserCertificate " + newestSha1
                        : ", an expired certificate")
                    + "; Outlook prefers it, so it hides the current certificate"));
      }
    }
    return new AuditedRecipient(r, List.copyOf(bySha1.values()), findings);
  }

  private static void sizeCheck(
      String who, String attribute, int index, Bytes value, List<ExchangeFinding> findings) {
    if (value.size() > ExchangeLimits.MAX_CERTIFICATE_VALUE_BYTES) {
      findings.add(
          ExchangeFinding.warning(
              "value-too-large",
              who
                  + ": "
                  + attribute
                  + " value #"
                  + index
                  + " of "
                  + value.size()
                  + " bytes is over the limit of "
                  + ExchangeLimits.MAX_CERTIFICATE_VALUE_BYTES
                  + " bytes per value"));
    }
  }

  private static ExchangeFinding undecodable(
      String who, String attribute, int index, Bytes value, Exception e) {
    return ExchangeFinding.error(
        "undecodable-value",
        who
            + ": "
            + attribute
            + " value #"
            + index
            + " (sha1 "
            + Thumbprint.sha1(value).hex()
            + ", "
            + value.size()
            + " bytes) does not decode: "
            + message(e));
  }

  private AuditedCertificate audit(TenantRecipient r, X509Certificate c, boolean storePresent) {
    String who =
        r.type().jsonName() + " '" + r.identity() + "': certificate " + Thumbprint.sha1(c).hex();
    List<ExchangeFinding> f = new ArrayList<>();
    Instant notAfter = c.getNotAfter().toInstant();
    if (notAfter.isBefore(at)) {
      f.add(ExchangeFinding.error("expired", who + " expired on " + notAfter));
    } else if (notAfter.isBefore(soon)) {
      f.add(
          ExchangeFinding.warning(
              "expiring-soon",
              who
                  + " expires on "
                  + notAfter
                  + ", within "
                  + options.expiringWithin().toDays()
                  + " days"));
    }
    email(r, c, who, f);
    FitnessReport report;
    try {
      report = options.fitness().check(c, options.purpose(), at);
      for (Finding x : report.findings()) {
        if (x.severity() == Severity.INFO || HANDLED_HERE.contains(x.code())) {
          continue;
        }
        f.add(new ExchangeFinding(x.severity(), x.code().code(), who + ": " + x.message()));
      }
    } catch (RuntimeException e) {
      f.add(
          ExchangeFinding.error(
              "malformed-certificate", who + " cannot be checked: " + message(e)));
    }
    if (!notAfter.isBefore(at)) {
      chain(c, who, storePresent, f); // an expired certificate has no valid chain: said above
    }
    return certificate(c, f);
  }

  private static void email(
      TenantRecipient r, X509Certificate c, String who, List<ExchangeFinding> f) {
    List<String> emails;
    try {
      emails = Certificates.emailAddresses(c);
    } catch (RuntimeException e) {
      f.add(ExchangeFinding.error("no-email", who + ": its e-mail addresses do not decode"));
      return;
    }
    if (emails.isEmpty()) {
      f.add(
          ExchangeFinding.error(
              "no-email",
              who + " names no e-mail address; Outlook on the web does not match it to anyone"));
      return;
    }
    String first = emails.get(0);
    String primary = r.primarySmtpAddress();
    if (first.equalsIgnoreCase(primary)) {
      return;
    }
    for (String proxy : r.proxyAddresses()) {
      if (first.equalsIgnoreCase(proxy)) {
        f.add(
            ExchangeFinding.warning(
                "email-matches-proxy",
                who
                    + " is for the proxy address "
                    + proxy
                    + ", not the primary SMTP address "
                    + primary
                    + "; Outlook on the web finds it only with"
                    + " OWAUseSecondaryProxiesWhenFindingCertificates"));
        return;
      }
    }
    if (emails.stream().anyMatch(e -> e.equalsIgnoreCase(primary))) {
      f.add(
          ExchangeFinding.warning(
              "email-not-primary",
              who
                  + " names "
                  + primary
                  + " but its first address is "
                  + first
                  + ", which Outlook on the web matches"));
      return;
    }
    f.add(
        ExchangeFinding.error(
            "email-mismatch",
            who
                + " is for "
                + String.join(", ", emails)
                + ", not the recipient's primary SMTP address "
                + (primary.isEmpty() ? "(none)" : primary)
                + " or a proxy address"));
  }

  private void chain(X509Certificate c, String who, boolean storePresent, List<ExchangeFinding> f) {
    if (resolver == null) {
      f.add(
          ExchangeFinding.error(
              "missing-ca",
              who
                  + ": "
                  + (storePresent
                      ? "the issuing-CA store holds no usable certificate"
                      : "no issuing-CA store is set")
                  + "; Outlook on the web trusts only that store"));
      return;
    }
    ChainResult result;
    try {
      result = resolver.resolve(c, at);
    } catch (RuntimeException e) {
      f.add(ExchangeFinding.error("chain", who + ": the chain cannot be built: " + message(e)));
      return;
    }
    if (result.isValid()) {
      return;
    }
    ChainDiagnosis d = result.diagnosis().orElse(null);
    String reason = d == null ? "unknown reason" : d.reason();
    if (d != null
        && (d.status() == io.github.smimekit.core.ChainStatus.ISSUER_NOT_FOUND
            || d.status() == io.github.smimekit.core.ChainStatus.UNTRUSTED_ROOT
            || d.status() == io.github.smimekit.core.ChainStatus.NO_PATH)) {
      X509Certificate where = d.certificate().orElse(c);
      String missing =
          d.status() == io.github.smimekit.core.ChainStatus.UNTRUSTED_ROOT
              ? Certificates.displayName(where.getSubjectX500Principal())
              : Certificates.displayName(where.getIssuerX500Principal());
      f.add(
          ExchangeFinding.error(
              "missing-ca",
              who
                  + ": the issuing-CA store lacks the CA '"
                  + missing
                  + "' (Outlook on the web trusts only that store); "
                  + reason));
      return;
    }
    f.add(ExchangeFinding.error("chain", who + ": no chain into the issuing-CA store: " + reason));
  }

  private static AuditedCertificate certificate(X509Certificate c, List<ExchangeFinding> f) {
    List<String> emails;
    try {
      emails = Certificates.emailAddresses(c);
    } catch (RuntimeException e) {
      emails = List.of();
    }
    return new AuditedCertificate(
        Thumbprint.sha1(c),
        Certificates.displayName(c.getSubjectX500Principal()),
        c.getNotAfter().toInstant(),
        emails,
        f);
  }

  private static String message(Exception e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
