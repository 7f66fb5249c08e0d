package io.github.smimekit.examples;

import io.github.smimekit.core.CertificatePool;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.ChainResolver;
import io.github.smimekit.core.ChainResult;
import io.github.smimekit.core.Thumbprint;
import io.github.smimekit.sst.SerializedStore;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Task 2 of the set-up, what Windows' "Certification Path" tab shows: the chain of trust of a
 * certificate, built from a folder of CA certificates (any encoding, {@code .p7b}, {@code .sst}).
 * The self-signed certificates of the folder are the trust anchors. When there is no chain, the
 * diagnosis names the certificate where it broke and why.
 *
 * <p>Usage: {@code BuildChain CERT CA_FOLDER}
 */
public final class BuildChain {
  private BuildChain() {}

  /** Runs the example; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: BuildChain CERT CA_FOLDER");
      System.exit(2);
    }
    ChainResult result = build(Path.of(args[0]), Path.of(args[1]), Instant.now());
    System.exit(result.isValid() ? 0 : 1);
  }

  /** Resolves the chain of {@code certificate} and prints it, leaf first, or the diagnosis. */
  static ChainResult build(Path certificate, Path caFolder, Instant at) throws IOException {
    // .sst files in the folder are read with smime-sst's reader, passed explicitly
    CertificatePool pool =
        CertificatePool.load(List.of(caFolder), List.of(SerializedStore.bundleReader()));
    List<X509Certificate> roots = new ArrayList<>();
    for (X509Certificate c : pool.certificates()) {
      if (c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
        roots.add(c);
      }
    }
    ChainResolver resolver = ChainResolver.builder().trustAnchors(roots).pool(pool).build();
    ChainResult result = resolver.resolve(Certificates.readOne(certificate), at);
    if (result.isValid()) {
      for (X509Certificate c : result.chainOrThrow().certificates()) {
        System.out.println(Thumbprint.sha1(c).hex() + "  " + c.getSubjectX500Principal().getName());
      }
    } else {
      System.out.println("no chain: " + result.diagnosis().orElseThrow().reason());
    }
    return result;
  }
}
