package io.github.smimekit.exchange.internal.plan;

import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.SmimeException;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.exchange.DesiredRecipient;
import io.github.smimekit.exchange.ExchangeFinding;
import io.github.smimekit.exchange.PlanOptions;
import io.github.smimekit.exchange.RecipientIdentity;
import io.github.smimekit.exchange.TenantRecipient;
import io.github.smimekit.exchange.TenantState;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Matches bulk certificates to recipients by e-mail address. A certificate's addresses are tried in
 * order (subjectAltName rfc822Name first, then the subject's {@code E=}); the first address that
 * names any recipient decides, and it must name exactly one. Certificates that match none or
 * several are reported, never guessed.
 */
final class BulkMatcher {
  private BulkMatcher() {}

  /** A recipient that bulk certificates can be added to. */
  private record Target(DesiredRecipient desired, List<String> addresses) {}

  static List<DesiredRecipient> apply(
      List<DesiredRecipient> desired,
      @Nullable TenantState current,
      List<X509Certificate> bulk,
      PlanOptions options,
      List<ExchangeFinding> findings) {
    Map<String, Target> targets = new LinkedHashMap<>();
    for (DesiredRecipient d : desired) {
      targets.put(key(d.identity().value()), new Target(d, desiredAddresses(d)));
    }
    if (current != null) {
      for (TenantRecipient r : current.recipients()) {
        List<String> addresses = new ArrayList<>();
        addresses.add(r.primarySmtpAddress());
        if (options.matchProxyAddresses()) {
          addresses.addAll(r.proxyAddresses());
        }
        Target existing = targets.get(key(r.identity()));
        if (existing == null) {
          existing = targets.get(key(r.primarySmtpAddress()));
        }
        if (existing != null) {
          Set<String> merged = new LinkedHashSet<>(existing.addresses());
          merged.addAll(addresses);
          targets.put(
              key(existing.desired().identity().value()),
              new Target(existing.desired(), new ArrayList<>(merged)));
        } else {
          // Not in the desired state: keep what it holds, add what matches.
          List<X509Certificate> held = new ArrayList<>();
          for (var b : r.userCertificates()) {
            try {
              held.add(Certificates.readOne(b));
            } catch (SmimeException e) {
              // an undecodable value is not kept: it is shown as a removal
            }
          }
          DesiredRecipient d =
              new DesiredRecipient(
                  r.type(),
                  RecipientIdentity.of(r.identity()),
                  Optional.empty(),
                  Optional.empty(),
                  held);
          targets.put(key(r.identity()), new Target(d, addresses));
        }
      }
    }
    Map<String, List<X509Certificate>> added = new LinkedHashMap<>();
    for (X509Certificate c : bulk) {
      String sha1 = Thumbprint.sha1(c).hex();
      List<String> certAddresses;
      try {
        certAddresses = Certificates.emailAddresses(c);
      } catch (SmimeException e) {
        findings.add(
            ExchangeFinding.warning(
                "unmatched-certificate",
                "certificate "
                    + sha1
                    + ": its e-mail addresses cannot be read: "
                    + e.getMessage()));
        continue;
      }
      if (certAddresses.isEmpty()) {
        findings.add(
            ExchangeFinding.warning(
                "unmatched-certificate",
                "certificate " + sha1 + " '" + PlanEngine.subject(c) + "' has no e-mail address"));
        continue;
      }
      List<Target> matches = List.of();
      for (String a : certAddresses) {
        List<Target> m =
            targets.values().stream()
                .filter(t -> t.addresses().stream().anyMatch(x -> x.equalsIgnoreCase(a)))
                .toList();
        if (!m.isEmpty()) {
          matches = m;
          break;
        }
      }
      if (matches.isEmpty()) {
        findings.add(
            ExchangeFinding.warning(
                "unmatched-certificate",
                "certificate "
                    + sha1
                    + " for "
                    + String.join(", ", certAddresses)
                    + " matches no recipient"));
      } else if (matches.size() > 1) {
        findings.add(
            ExchangeFinding.warning(
                "ambiguous-certificate",
                "certificate "
                    + sha1
                    + " for "
                    + String.join(", ", certAddresses)
                    + " matches "
                    + matches.size()
                    + " recipients ("
                    + String.join(
                        ", ", matches.stream().map(t -> t.desired().identity().value()).toList())
                    + "); it is not used"));
      } else {
        added
            .computeIfAbsent(
                key(matches.get(0).desired().identity().value()), k -> new ArrayList<>())
            .add(c);
      }
    }
    List<DesiredRecipient> out = new ArrayList<>();
    for (Map.Entry<String, Target> e : targets.entrySet()) {
      List<X509Certificate> extra = added.get(e.getKey());
      DesiredRecipient d = e.getValue().desired();
      boolean inDesired = desired.contains(d);
      if (extra == null) {
        if (inDesired) {
          out.add(d);
        }
        continue;
      }
      List<X509Certificate> all = new ArrayList<>(d.certificates());
      all.addAll(extra);
      out.add(d.withCertificates(all));
    }
    return out;
  }

  private static List<String> desiredAddresses(DesiredRecipient d) {
    List<String> out = new ArrayList<>();
    d.externalEmailAddress().ifPresent(out::add);
    if (d.identity().value().indexOf('@') > 0) {
      out.add(d.identity().value());
    }
    return out;
  }

  private static String key(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
