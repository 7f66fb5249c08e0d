package io.github.smimekit.examples;

import io.github.smimekit.core.CertificateBundleReader;
import io.github.smimekit.core.CertificatePool;
import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.ChainResolver;
import io.github.smimekit.core.ChainResult;
import io.github.smimekit.core.IssuingCaCertificates;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.sst.StoreProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Tasks 2 and 3 of the set-up: build every user's chain of trust from a pool of CA certificates,
 * then write the CA certificates of all chains as the {@code .sst} that {@code Set-SmimeConfig
 * -SMIMECertificateIssuingCA} takes. Leaves without a chain are reported with the reason.
 *
 * <p>Usage: {@code BuildIssuingCaStore OUT.sst ANCHORS POOL LEAF...} (ANCHORS and POOL are files or
 * directories of certificates in any encoding or PKCS#7 bundles; {@code .sst} stores are read when
 * smime-sst's reader is passed to {@code CertificatePool.load}).
 */
public final class BuildIssuingCaStore {
  private BuildIssuingCaStore() {}

  /** Runs the example; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length < 4) {
      System.err.println("usage: BuildIssuingCaStore OUT.sst ANCHORS POOL LEAF...");
      System.exit(2);
    }
    List<Path> leaves = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      leaves.add(Path.of(args[i]));
    }
    IssuingCaCertificates selection =
        build(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), leaves, Instant.now());
    System.out.println(
        "wrote " + args[0] + " with " + selection.caCertificates().size() + " CA certificates");
    System.exit(selection.failed().isEmpty() ? 0 : 1);
  }

  /** Folders and files may hold {@code .sst} stores too: smime-sst's reader, passed explicitly. */
  private static final List<CertificateBundleReader> STORES =
      List.of(SerializedStore.bundleReader());

  /** Resolves each leaf, writes the CA store, prints failures, returns the CA certificates. */
  static IssuingCaCertificates build(
      Path out, Path anchors, Path pool, List<Path> leaves, Instant at) throws IOException {
    ChainResolver resolver =
        ChainResolver.builder()
            .trustAnchors(CertificatePool.load(List.of(anchors), STORES).certificates())
            .pool(CertificatePool.load(List.of(pool), STORES))
            .build();
    List<X509Certificate> users = new ArrayList<>();
    for (Path leaf : leaves) {
      users.addAll(Certificates.read(leaf));
    }
    IssuingCaCertificates selection = resolver.issuingCaCertificates(users, at);
    for (ChainResult failed : selection.failed()) {
      System.out.println(
          "no chain for "
              + failed.leaf().getSubjectX500Principal().getName()
              + ": "
              + failed.diagnosis().orElseThrow().reason());
    }
    SerializedStore.builder(StoreProfile.MINIMAL)
        .addAll(selection.caCertificates())
        .build()
        .write(out);
    return selection;
  }
}
