package io.github.smimekit.examples;

import io.github.smimekit.core.Certificates;
import io.github.smimekit.core.Finding;
import io.github.smimekit.core.FitnessReport;
import io.github.smimekit.core.Password;
import io.github.smimekit.core.Pkcs12;
import io.github.smimekit.core.Pkcs12Identity;
import io.github.smimekit.core.Purpose;
import io.github.smimekit.core.SmimeFitness;
import io.github.smimekit.core.Thumbprint;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Task 1 of the set-up: take a person's identity ({@code .p12}/{@code .pfx}), check that its
 * certificate is fit for S/MIME in Outlook and OWA, and export it as DER, the form {@code
 * Set-Mailbox -UserCertificate} takes.
 *
 * <p>Usage: {@code ExportCertificate IDENTITY.p12 PASSWORD_ENV_VAR OUT.cer EMAIL}
 */
public final class ExportCertificate {
  private ExportCertificate() {}

  /** Runs the example; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println("usage: ExportCertificate IDENTITY.p12 PASSWORD_ENV_VAR OUT.cer EMAIL");
      System.exit(2);
    }
    String secret = System.getenv(args[1]);
    if (secret == null) {
      System.err.println("environment variable " + args[1] + " is not set");
      System.exit(2);
    }
    X509Certificate certificate =
        export(Path.of(args[0]), secret.toCharArray(), Path.of(args[2]), args[3], Instant.now());
    System.out.println("wrote " + args[2] + " (" + Thumbprint.sha1(certificate).hex() + ")");
  }

  /** Reads the identity, prints the fitness findings, writes the certificate as DER. */
  static X509Certificate export(
      Path identityFile, char[] passwordChars, Path out, String email, Instant at)
      throws IOException {
    Pkcs12Identity identity;
    Password password = Password.of(passwordChars);
    try {
      identity = Pkcs12.read(identityFile, password);
    } finally {
      password.destroy();
      java.util.Arrays.fill(passwordChars, '\0');
    }
    X509Certificate certificate = identity.certificate();
    FitnessReport report = SmimeFitness.defaults().check(certificate, email, Purpose.BOTH, at);
    for (Finding f : report.findings()) {
      System.out.println(f.severity() + " " + f.code().code() + ": " + f.message());
    }
    Certificates.writeDer(out, certificate);
    return certificate;
  }
}
