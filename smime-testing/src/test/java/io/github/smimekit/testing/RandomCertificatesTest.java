package io.github.smimekit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class RandomCertificatesTest {

  private static List<byte[]> ders(long seed, int n) {
    RandomCertificates gen = RandomCertificates.create(seed);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(gen.next().der());
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 42L, -7L})
  void next_sameSeed_sameCertificates(long seed) {
    List<byte[]> a = ders(seed, 20);
    List<byte[]> b = ders(seed, 20);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).as("seed %d certificate %d", seed, i).isEqualTo(b.get(i));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 42L})
  void next_differentSeed_differentCertificates(long seed) {
    List<byte[]> a = ders(seed, 5);
    List<byte[]> b = ders(seed + 1, 5);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).as("seed %d certificate %d", seed, i).isNotEqualTo(b.get(i));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {3L, 4L})
  void next_manyCertificates_varyAndVerify(long seed) throws Exception {
    RandomCertificates gen = RandomCertificates.create(seed);
    List<X509Certificate> cas = gen.caCertificates();
    Set<String> keyAlgs = new HashSet<>();
    Set<String> sigAlgs = new HashSet<>();
    int expired = 0;
    int noKu = 0;
    int ca = 0;
    int selfSigned = 0;
    for (int i = 0; i < 120; i++) {
      TestCertificate t = gen.next();
      X509Certificate c = t.certificate();
      keyAlgs.add(c.getPublicKey().getAlgorithm());
      sigAlgs.add(c.getSigAlgName());
      if (c.getNotAfter().toInstant().isBefore(gen.now())) {
        expired++;
      }
      if (c.getKeyUsage() == null) {
        noKu++;
      }
      if (c.getBasicConstraints() >= 0) {
        ca++;
      }
      X509Certificate issuer = t.issuer().map(TestCertificate::certificate).orElse(c);
      if (t.issuer().isEmpty()) {
        selfSigned++;
      } else {
        assertThat(cas).as("seed %d cert %d issuer", seed, i).contains(issuer);
      }
      c.verify(issuer.getPublicKey());
    }
    assertThat(keyAlgs).as("seed %d", seed).contains("EC", "EdDSA");
    assertThat(sigAlgs).as("seed %d", seed).contains("SHA256withECDSA");
    assertThat(expired).as("seed %d expired", seed).isPositive();
    assertThat(noKu).as("seed %d without KU", seed).isPositive();
    assertThat(ca).as("seed %d CA flag", seed).isPositive();
    assertThat(selfSigned).as("seed %d self-signed", seed).isPositive();
  }

  @ParameterizedTest
  @ValueSource(longs = {5L})
  void nextCrl_signedByGeneratorCa(long seed) throws Exception {
    RandomCertificates gen = RandomCertificates.create(seed);
    List<X509Certificate> cas = gen.caCertificates();
    for (int i = 0; i < 5; i++) {
      X509CRL crl = gen.nextCrl();
      X509Certificate issuer =
          cas.get(0).getSubjectX500Principal().equals(crl.getIssuerX500Principal())
              ? cas.get(0)
              : cas.get(1);
      crl.verify(issuer.getPublicKey());
    }
  }
}
