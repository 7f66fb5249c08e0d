package io.github.smimekit.mail.internal;

import io.github.smimekit.core.CertificateChain;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.ChainDiagnosis;
import io.github.smimekit.core.ChainResolver;
import io.github.smimekit.core.ChainResult;
import io.github.smimekit.core.SmimeException;
import io.github.smimekit.mail.AlgorithmSettings;
import io.github.smimekit.mail.EncryptionAlgorithm;
import io.github.smimekit.mail.MessageFormatException;
import io.github.smimekit.mail.OpenOptions;
import io.github.smimekit.mail.OpenReport;
import io.github.smimekit.mail.Outcome;
import io.github.smimekit.mail.SigningAlgorithm;
import io.github.smimekit.mail.Step;
import io.github.smimekit.mail.StepVerdict;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Opens a message as its recipient and gives a verdict per step. */
public final class MessageOpener {
  private static final int MAX_TEXT = 4096;

  private MessageOpener() {}

  /**
   * Opens the message.
   *
   * @param o the options
   * @return the verdicts
   */
  public static OpenReport open(OpenOptions o) {
    return new MessageOpener.Run(o).run();
  }

  private static final class Run {
    private final OpenOptions o;
    private final Map<Step, StepVerdict> verdicts = new EnumMap<>(Step.class);
    private @Nullable String from;
    private Optional<EncryptionAlgorithm> encryption = Optional.empty();
    private Optional<SigningAlgorithm> signing = Optional.empty();
    private Optional<X509Certificate> signer = Optional.empty();
    private Optional<String> text = Optional.empty();

    Run(OpenOptions o) {
      this.o = o;
    }

    OpenReport run() {
      try {
        steps();
      } catch (RuntimeException e) {
        // defensive: a bug in a step must not become a crash on untrusted input
        for (Step s : Step.values()) {
          verdicts.putIfAbsent(
              s, new StepVerdict(s, Outcome.FAIL, "internal error while checking this step"));
        }
      }
      List<StepVerdict> list = new ArrayList<>();
      for (Step s : Step.values()) {
        list.add(
            verdicts.getOrDefault(
                s, new StepVerdict(s, Outcome.NOT_RUN, "an earlier step failed")));
      }
      return new OpenReport(list, Optional.ofNullable(from), encryption, signing, signer, text);
    }

    private void pass(Step s, String detail) {
      verdicts.put(s, new StepVerdict(s, Outcome.PASS, detail));
    }

    private void fail(Step s, String detail) {
      verdicts.put(s, new StepVerdict(s, Outcome.FAIL, detail));
    }

    private void steps() {
      byte[] bytes = o.message().toByteArray();
      // PARSE
      if (bytes.length > o.limits().maxMessageBytes()) {
        fail(
            Step.PARSE,
            "the message is "
                + bytes.length
                + " bytes, more than the limit of "
                + o.limits().maxMessageBytes());
        return;
      }
      MimeEntity outer;
      int[] budget = {o.limits().maxParts()};
      try {
        outer = MimeEntity.parse(bytes, "message");
        outer.checkTree(o.limits(), budget);
      } catch (MessageFormatException e) {
        fail(Step.PARSE, e.getMessage());
        return;
      }
      String fromHeader = outer.header("From");
      if (fromHeader != null) {
        try {
          InternetAddress[] a = InternetAddress.parseHeader(fromHeader, false);
          if (a.length > 0 && a[0].getAddress() != null) {
            from = a[0].getAddress();
          }
        } catch (AddressException | RuntimeException e) {
          from = null;
        }
      }
      pass(
          Step.PARSE,
          "MIME message, Content-Type "
              + outer.baseType()
              + (from == null ? ", no From address" : ", From " + from));

      // DECRYPT
      MimeEntity inner;
      boolean pkcs7 = isPkcs7Mime(outer);
      String smimeType = lower(outer.parameter("smime-type"));
      if (pkcs7 && !smimeType.equals("signed-data")) {
        byte[] der;
        try {
          der = outer.decodedBody();
        } catch (MessageFormatException e) {
          fail(Step.DECRYPT, e.getMessage());
          return;
        }
        CmsReader.Decrypted d =
            CmsReader.decrypt(der, o.identity().certificate(), o.identity().privateKey());
        encryption = d.known();
        if (d.content() == null) {
          fail(Step.DECRYPT, d.failure());
          return;
        }
        try {
          inner = MimeEntity.parse(d.content(), "decrypted content");
          inner.checkTree(o.limits(), budget);
        } catch (MessageFormatException e) {
          fail(Step.DECRYPT, "decrypted, but " + e.getMessage());
          return;
        }
        pass(
            Step.DECRYPT,
            "decrypted with "
                + d.algorithm()
                + " for "
                + Certificates.displayName(o.identity().certificate().getSubjectX500Principal()));
      } else {
        fail(
            Step.DECRYPT,
            "the message is not encrypted (Content-Type "
                + outer.baseType()
                + (smimeType.isEmpty() ? "" : "; smime-type=" + smimeType)
                + ")");
        inner = outer;
      }

      // SIGNATURE (its digest feeds ALGORITHMS)
      CmsReader.Verified v = null;
      String innerType = inner.baseType();
      try {
        if (innerType.equals("multipart/signed")) {
          List<MimeEntity> parts = inner.parts(new int[] {o.limits().maxParts()});
          if (parts.size() < 2) {
            fail(
                Step.SIGNATURE,
                "multipart/signed has "
                    + parts.size()
                    + " part, not the signed entity and the signature");
          } else if (!isSignaturePart(parts.get(1))) {
            fail(
                Step.SIGNATURE,
                "the second part of multipart/signed is "
                    + parts.get(1).baseType()
                    + ", not application/pkcs7-signature");
          } else {
            byte[] sig = parts.get(1).decodedBody();
            byte[] signed = parts.get(0).raw();
            v = CmsReader.verify(sig, signed);
            byte[] canonical = canonical(signed);
            if (!v.ok() && canonical.length != signed.length) {
              CmsReader.Verified again = CmsReader.verify(sig, canonical);
              if (again.ok()) {
                v = again;
              }
            }
          }
        } else if (isPkcs7Mime(inner)
            && lower(inner.parameter("smime-type")).equals("signed-data")) {
          v = CmsReader.verify(inner.decodedBody(), null);
        } else {
          fail(Step.SIGNATURE, "the message is not signed (Content-Type " + innerType + ")");
        }
      } catch (MessageFormatException e) {
        fail(Step.SIGNATURE, e.getMessage());
      }
      if (v != null) {
        signing = SigningAlgorithm.fromOid(v.digestOid());
        signer = v.signer();
        if (v.ok()) {
          pass(
              Step.SIGNATURE,
              "signature of "
                  + signer
                      .map(c -> Certificates.displayName(c.getSubjectX500Principal()))
                      .orElse("?")
                  + " verifies ("
                  + signing
                      .map(s -> s.name() + " " + s.settingValue())
                      .orElse("digest OID " + v.digestOid())
                  + ")");
        } else {
          fail(Step.SIGNATURE, v.failure());
        }
        if (v.content() != null) {
          text = extractText(v.content());
        }
      }

      // ALGORITHMS
      algorithms(v);

      // SIGNER_CHAIN
      if (signer.isEmpty()) {
        return;
      }
      X509Certificate s = signer.get();
      Instant at = o.clock().instant();
      boolean[] ku = s.getKeyUsage();
      if (ku != null && !(ku.length > 0 && ku[0]) && !(ku.length > 1 && ku[1])) {
        fail(
            Step.SIGNER_CHAIN,
            "the signer certificate's keyUsage has neither digitalSignature nor nonRepudiation");
      } else {
        ChainResult chain =
            ChainResolver.builder()
                .trustAnchors(o.trustStore().certificates())
                .intermediates(v == null ? List.of() : v.others())
                .requiredExtendedKeyUsages(CertificateSelector.EMAIL_PROTECTION)
                .build()
                .resolve(s, at);
        if (chain.isValid()) {
          CertificateChain c = chain.chainOrThrow();
          pass(
              Step.SIGNER_CHAIN,
              "chain into the trust store at "
                  + at
                  + ": "
                  + c.certificates().stream()
                      .map(x -> Certificates.displayName(x.getSubjectX500Principal()))
                      .collect(Collectors.joining(" <- ")));
        } else {
          fail(
              Step.SIGNER_CHAIN,
              "the signer certificate has no chain into the trust store (trusted exclusively, as Outlook on the web does): "
                  + chain.diagnosis().map(ChainDiagnosis::reason).orElse("no chain"));
        }
      }

      // SIGNER_EMAIL
      List<String> emails;
      try {
        emails = Certificates.emailAddresses(s);
      } catch (SmimeException e) {
        fail(Step.SIGNER_EMAIL, "the signer certificate's subjectAltName is malformed");
        return;
      }
      if (from == null) {
        fail(Step.SIGNER_EMAIL, "the message has no From address to compare with " + emails);
      } else if (emails.stream().anyMatch(e -> e.equalsIgnoreCase(from))) {
        pass(Step.SIGNER_EMAIL, "From " + from + " is an address of the signer certificate");
      } else {
        fail(
            Step.SIGNER_EMAIL,
            "From " + from + " is not an address of the signer certificate " + emails);
      }
    }

    private void algorithms(CmsReader.@Nullable Verified v) {
      Optional<AlgorithmSettings> config = o.algorithms();
      List<String> problems = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      encryption.ifPresent(e -> seen.add(e.displayName() + " (" + e.settingValue() + ")"));
      signing.ifPresent(s -> seen.add(s.name() + " (" + s.settingValue() + ")"));
      if (config.isPresent()) {
        AlgorithmSettings c = config.get();
        String enc =
            c.encryption().stream()
                .map(EncryptionAlgorithm::settingValue)
                .collect(Collectors.joining(";"));
        String sig =
            c.signing().stream()
                .map(SigningAlgorithm::settingValue)
                .collect(Collectors.joining(";"));
        if (verdicts.get(Step.DECRYPT) != null
            && verdicts.get(Step.DECRYPT).outcome() == Outcome.PASS) {
          if (encryption.isEmpty()) {
            problems.add(
                "the content-encryption algorithm is not one OWAEncryptionAlgorithms can name");
          } else if (!c.encryption().contains(encryption.get())) {
            problems.add(
                "content encryption "
                    + encryption.get().displayName()
                    + " ("
                    + encryption.get().settingValue()
                    + ") is not allowed by OWAEncryptionAlgorithms "
                    + enc);
          }
        }
        if (v != null) {
          if (signing.isEmpty()) {
            problems.add(
                "the digest algorithm "
                    + v.digestOid()
                    + " is not one OWASigningAlgorithms can name");
          } else if (!c.signing().contains(signing.get())) {
            problems.add(
                "digest "
                    + signing.get().name()
                    + " ("
                    + signing.get().settingValue()
                    + ") is not allowed by OWASigningAlgorithms "
                    + sig);
          }
        }
      }
      if (!problems.isEmpty()) {
        fail(Step.ALGORITHMS, String.join("; ", problems));
      } else {
        pass(
            Step.ALGORITHMS,
            (seen.isEmpty() ? "no algorithm to check" : String.join(", ", seen))
                + (config.isPresent()
                    ? ", allowed by the configuration"
                    : " (no configuration given)"));
      }
    }
  }

  private static boolean isPkcs7Mime(MimeEntity e) {
    String t = e.baseType();
    return t.equals("application/pkcs7-mime") || t.equals("application/x-pkcs7-mime");
  }

  private static boolean isSignaturePart(MimeEntity e) {
    String t = e.baseType();
    return t.equals("application/pkcs7-signature") || t.equals("application/x-pkcs7-signature");
  }

  private static String lower(@Nullable String s) {
    return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
  }

  /** Bare LF becomes CRLF: the canonical form the signer signed (RFC 8551 section 3.1.1). */
  static byte[] canonical(byte[] b) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(b.length + 64);
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n' && (i == 0 || b[i - 1] != '\r')) {
        out.write('\r');
      }
      out.write(b[i]);
    }
    return out.toByteArray();
  }

  private static Optional<String> extractText(byte[] content) {
    if (!startsWithHeader(content)) {
      // signed content without MIME headers (openssl smime -sign without -text): plain text
      String s = new String(content, StandardCharsets.UTF_8);
      return Optional.of(s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s);
    }
    try {
      MimeEntity e = MimeEntity.parse(content, "signed content");
      return text(e, 1);
    } catch (MessageFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean startsWithHeader(byte[] b) {
    for (int i = 0; i < b.length && i < 1000; i++) {
      if (b[i] == ':') {
        return i > 0;
      }
      if (b[i] <= 32 || b[i] >= 127) {
        return false;
      }
    }
    return false;
  }

  private static Optional<String> text(MimeEntity e, int depth) {
    if (depth > 8) {
      return Optional.empty();
    }
    if (e.baseType().equals("text/plain")) {
      Charset cs = StandardCharsets.US_ASCII;
      String name = e.parameter("charset");
      try {
        if (name != null) {
          cs = Charset.forName(name.trim());
        }
      } catch (RuntimeException ex) {
        cs = StandardCharsets.UTF_8;
      }
      String s = new String(e.decodedBody(), cs);
      return Optional.of(s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s);
    }
    if (e.baseType().startsWith("multipart/")) {
      for (MimeEntity p : e.parts(new int[] {64})) {
        Optional<String> t = text(p, depth + 1);
        if (t.isPresent()) {
          return t;
        }
      }
    }
    return Optional.empty();
  }
}
