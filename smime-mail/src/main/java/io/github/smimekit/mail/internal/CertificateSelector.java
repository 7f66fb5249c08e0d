package io.github.smimekit.mail.internal;

import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.ChainDiagnosis;
import io.github.smimekit.core.ChainResolver;
import io.github.smimekit.core.ChainResult;
import io.github.smimekit.core.SmimeException;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.mail.CertificateRejection;
import io.github.smimekit.mail.Recipient;
import io.github.smimekit.mail.RecipientResult;
import io.github.smimekit.mail.RejectionReason;
import io.github.smimekit.mail.UserSMimeCertificates;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the certificate Outlook on the web encrypts to (spec section 3.2): e-mail match, key
 * usage by key type, emailProtection, validity, a chain into the store trusted exclusively; the
 * newest notBefore among the usable ones wins.
 */
final class CertificateSelector {
  static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
  private static final String ANY_EKU = "2.5.29.37.0";

  private final ChainResolver resolver;
  private final Instant at;
  private final boolean useSecondaryProxies;
  private final UserSMimeCertificates rule;

  CertificateSelector(
      List<X509Certificate> trustAnchors,
      Instant at,
      boolean useSecondaryProxies,
      UserSMimeCertificates rule) {
    this.resolver =
        ChainResolver.builder()
            .trustAnchors(trustAnchors)
            .requiredExtendedKeyUsages(EMAIL_PROTECTION)
            .build();
    this.at = at;
    this.useSecondaryProxies = useSecondaryProxies;
    this.rule = rule;
  }

  RecipientResult select(Recipient recipient, boolean sender) {
    if (!recipient.listed()) {
      return new RecipientResult(
          recipient.primarySmtpAddress(),
          sender,
          Optional.empty(),
          List.of(
              new CertificateRejection(
                  Optional.empty(),
                  "",
                  RejectionReason.NOT_IN_DIRECTORY,
                  recipient.primarySmtpAddress()
                      + ": no recipient of the directory has this address; Outlook on the web"
                      + " treats it as a one-off address and finds no certificate")));
    }
    List<X509Certificate> smime = distinct(recipient.smimeCertificates(), List.of());
    boolean exclusive = rule == UserSMimeCertificates.EXCLUSIVE && !smime.isEmpty();
    List<X509Certificate> userOnly = distinct(recipient.certificates(), smime);
    List<X509Certificate> candidates = new ArrayList<>(smime);
    List<CertificateRejection> rejections = new ArrayList<>();
    if (exclusive) {
      for (X509Certificate c : userOnly) {
        rejections.add(
            reject(
                    c,
                    RejectionReason.HIDDEN_BY_USER_SMIME_CERTIFICATE,
                    who(recipient, c)
                        + " (UserCertificate) is not considered: UserSMimeCertificate holds "
                        + smime.size()
                        + (smime.size() == 1 ? " certificate" : " certificates")
                        + " and is used exclusively")
                .get());
      }
    } else {
      candidates.addAll(userOnly);
    }
    List<X509Certificate> usable = new ArrayList<>();
    for (X509Certificate c : candidates) {
      Optional<CertificateRejection> r = check(recipient, c);
      if (r.isPresent()) {
        rejections.add(r.get());
      } else {
        usable.add(c);
      }
    }
    if (candidates.isEmpty() && rejections.isEmpty()) {
      rejections.add(
          new CertificateRejection(
              Optional.empty(),
              "",
              RejectionReason.NO_CERTIFICATE,
              recipient.primarySmtpAddress() + ": no certificate published"));
    }
    Optional<X509Certificate> chosen =
        usable.stream()
            .max(
                Comparator.comparing((X509Certificate c) -> c.getNotBefore().toInstant())
                    .thenComparing(c -> Thumbprint.sha1(c).hex(), Comparator.reverseOrder()));
    List<String> warnings = new ArrayList<>();
    if (chosen.isPresent() && !smime.isEmpty() && !smime.contains(chosen.get())) {
      warnings.add(
          who(recipient, chosen.get())
              + " comes from UserCertificate, but UserSMimeCertificate holds "
              + smime.stream().map(c -> Thumbprint.sha1(c).hex()).toList()
              + ", which classic Outlook for Windows uses exclusively: it would not encrypt to"
              + " the certificate chosen here. Clear or replace the stale UserSMimeCertificate.");
    }
    return new RecipientResult(
        recipient.primarySmtpAddress(),
        sender,
        chosen,
        chosen.isPresent() ? List.of() : rejections,
        warnings);
  }

  /** {@code list} without repeats (by SHA-1) and without the certificates in {@code except}. */
  private static List<X509Certificate> distinct(
      List<X509Certificate> list, List<X509Certificate> except) {
    Set<Thumbprint> seen = new HashSet<>();
    for (X509Certificate c : except) {
      seen.add(Thumbprint.sha1(c));
    }
    List<X509Certificate> out = new ArrayList<>();
    for (X509Certificate c : list) {
      if (seen.add(Thumbprint.sha1(c))) {
        out.add(c);
      }
    }
    return out;
  }

  private static String who(Recipient recipient, X509Certificate c) {
    return recipient.primarySmtpAddress() + ": certificate " + Thumbprint.sha1(c).hex();
  }

  /** The first rule the certificate breaks, or empty when Outlook on the web would use it. */
  Optional<CertificateRejection> check(Recipient recipient, X509Certificate c) {
    String who = who(recipient, c);
    String keyAlgorithm = c.getPublicKey().getAlgorithm();
    boolean rsa = keyAlgorithm.equals("RSA");
    boolean ec = keyAlgorithm.equals("EC");
    if (!rsa && !ec) {
      return reject(
          c,
          RejectionReason.KEY_TYPE,
          who
              + " has a "
              + keyAlgorithm
              + " key: neither RSA key transport nor ECDH key agreement applies");
    }
    Optional<String> email;
    try {
      email = Certificates.primaryEmail(c);
    } catch (SmimeException e) {
      return reject(c, RejectionReason.EMAIL_MISMATCH, who + " has a malformed subjectAltName");
    }
    if (email.isEmpty()) {
      return reject(c, RejectionReason.EMAIL_MISMATCH, who + " has no e-mail address");
    }
    String e = email.get().toLowerCase(Locale.ROOT);
    boolean match = e.equals(recipient.primarySmtpAddress().toLowerCase(Locale.ROOT));
    boolean proxy =
        recipient.proxyAddresses().stream().anyMatch(p -> p.toLowerCase(Locale.ROOT).equals(e));
    if (!match && !(useSecondaryProxies && proxy)) {
      return reject(
          c,
          RejectionReason.EMAIL_MISMATCH,
          who
              + " is for '"
              + email.get()
              + "', not the primary SMTP address '"
              + recipient.primarySmtpAddress()
              + "'"
              + (proxy ? " (it is a proxy address, and secondary proxies are not used)" : ""));
    }
    boolean[] ku = c.getKeyUsage();
    if (ku != null) {
      boolean keyEncipherment = ku.length > 2 && ku[2];
      boolean keyAgreement = ku.length > 4 && ku[4];
      if (rsa && !keyEncipherment) {
        return reject(
            c, RejectionReason.KEY_USAGE, who + " (RSA) has a keyUsage without keyEncipherment");
      }
      if (ec && !keyAgreement && !keyEncipherment) {
        return reject(
            c,
            RejectionReason.KEY_USAGE,
            who + " (EC) has a keyUsage without keyAgreement or keyEncipherment");
      }
    }
    List<String> eku;
    try {
      eku = c.getExtendedKeyUsage();
    } catch (CertificateParsingException ex) {
      return reject(
          c, RejectionReason.EXTENDED_KEY_USAGE, who + " has a malformed extendedKeyUsage");
    }
    if (eku != null && !eku.contains(EMAIL_PROTECTION) && !eku.contains(ANY_EKU)) {
      return reject(
          c,
          RejectionReason.EXTENDED_KEY_USAGE,
          who + " has an extendedKeyUsage without emailProtection (1.3.6.1.5.5.7.3.4): " + eku);
    }
    if (at.isAfter(c.getNotAfter().toInstant())) {
      return reject(c, RejectionReason.EXPIRED, who + " expired on " + c.getNotAfter().toInstant());
    }
    if (at.isBefore(c.getNotBefore().toInstant())) {
      return reject(
          c,
          RejectionReason.NOT_YET_VALID,
          who + " is not valid before " + c.getNotBefore().toInstant());
    }
    ChainResult chain = resolver.resolve(c, at);
    if (!chain.isValid()) {
      String why = chain.diagnosis().map(ChainDiagnosis::reason).orElse("no chain");
      return reject(c, RejectionReason.CHAIN, who + " has no chain into the trust store: " + why);
    }
    return Optional.empty();
  }

  private static Optional<CertificateRejection> reject(
      X509Certificate c, RejectionReason reason, String detail) {
    return Optional.of(
        new CertificateRejection(
            Optional.of(Thumbprint.sha1(c)),
            Certificates.displayName(c.getSubjectX500Principal()),
            reason,
            detail));
  }
}
