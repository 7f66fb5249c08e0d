package io.github.smimekit.exchange;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestCertificate;
import io.github.smimekit.testing.TestPki;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A small test PKI shared by the Exchange tests: one root, one issuing CA, a partner PKI. */
final class Fixtures {
  static final Instant NOW = TestPki.DEFAULT_NOW;

  final TestPki pki = TestPki.create(10);
  final TestCertificate root = pki.rootCa("Contoso Root CA").keyType(KeyType.EC_P256).build();
  final TestCertificate issuing =
      pki.intermediateCa("Contoso Issuing CA", root).keyType(KeyType.EC_P256).build();
  final TestCertificate partnerRoot =
      pki.rootCa("Fabrikam Root CA").keyType(KeyType.EC_P256).build();
  final TestCertificate expiredRoot =
      pki.rootCa("Old Root CA")
          .keyType(KeyType.EC_P256)
          .validity(NOW.minus(Duration.ofDays(4000)), NOW.minus(Duration.ofDays(10)))
          .build();
  final TestCertificate alice = leaf(issuing, "alice@contoso.example");
  final TestCertificate bob = leaf(partnerRoot, "bob@fabrikam.example");

  private static Fixtures shared;

  static synchronized Fixtures get() {
    if (shared == null) {
      shared = new Fixtures();
    }
    return shared;
  }

  TestCertificate leaf(TestCertificate issuer, String email) {
    return pki.leaf(issuer).email(email).keyType(KeyType.EC_P256).build();
  }

  /** A leaf valid from {@code from} for {@code days}. */
  TestCertificate leaf(TestCertificate issuer, String email, Instant from, long days) {
    return pki.leaf(issuer)
        .email(email)
        .keyType(KeyType.EC_P256)
        .validity(from, from.plus(Duration.ofDays(days)))
        .build();
  }

  List<X509Certificate> cas() {
    return List.of(root.certificate(), issuing.certificate(), partnerRoot.certificate());
  }

  static Bytes store(X509Certificate... certs) {
    return SerializedStore.builder().addAll(List.of(certs)).build().encode();
  }

  static Bytes der(TestCertificate c) {
    return Bytes.copyOf(c.der());
  }

  static TenantRecipient mailbox(String address, TestCertificate... certs) {
    List<Bytes> values = new ArrayList<>();
    for (TestCertificate c : certs) {
      values.add(der(c));
    }
    return new TenantRecipient(
        RecipientType.MAILBOX, address, address, List.of(), values, List.of());
  }

  static DesiredState desired(IssuingCa ca, DesiredRecipient... recipients) {
    return new DesiredState(List.of(recipients), Optional.of(ca));
  }

  static Thumbprint sha1(TestCertificate c) {
    return Thumbprint.sha1(c.certificate());
  }
}
