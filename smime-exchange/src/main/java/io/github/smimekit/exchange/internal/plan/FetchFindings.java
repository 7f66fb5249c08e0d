package io.github.smimekit.exchange.internal.plan;

import io.github.smimekit.core.FetchAttempt;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.exchange.ExchangeFinding;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The findings of issuer fetching in a {@code fromChains} plan: each fetched CA certificate that
 * goes into the planned issuing-CA store, with the URL it came from (a warning when the upload adds
 * it, so the admin reviews it first; an info when the tenant holds it already), and each URL that
 * could not be fetched, with its status or error.
 */
final class FetchFindings {
  private FetchFindings() {}

  /** {@code fetched-ca}: every certificate of {@code store} that was fetched. */
  static void fetchedCas(
      List<X509Certificate> store,
      Map<X509Certificate, String> fetchedFrom,
      List<X509Certificate> currentCas,
      List<ExchangeFinding> findings) {
    for (X509Certificate c : store) {
      String url = fetchedFrom.get(c);
      if (url == null) {
        continue;
      }
      String what =
          "CA certificate "
              + Thumbprint.sha1(c).hex()
              + " '"
              + PlanEngine.subject(c)
              + "' is not in the pool: it was fetched from "
              + url;
      findings.add(
          currentCas.contains(c)
              ? ExchangeFinding.info("fetched-ca", what + " (the tenant's store holds it already)")
              : ExchangeFinding.warning(
                  "fetched-ca", what + "; check it before the store is uploaded"));
    }
  }

  /** {@code fetch-failed}: each URL tried for {@code cert} without result, once per plan. */
  static void failedFetches(
      String who,
      X509Certificate cert,
      List<FetchAttempt> attempts,
      Set<String> reported,
      List<ExchangeFinding> findings) {
    for (FetchAttempt a : attempts) {
      if (a.succeeded() || !reported.add(a.url())) {
        continue;
      }
      String message =
          "issuer fetching for "
              + who
              + ": certificate "
              + Thumbprint.sha1(cert).hex()
              + ": "
              + a.url()
              + (a.httpStatus() > 0 && !a.detail().contains("HTTP " + a.httpStatus())
                  ? " (HTTP " + a.httpStatus() + ")"
                  : "")
              + ": "
              + a.detail();
      findings.add(
          a.outcome() == FetchAttempt.Outcome.FAILED
              ? ExchangeFinding.warning("fetch-failed", message)
              : ExchangeFinding.info("fetch-failed", message));
    }
  }
}
