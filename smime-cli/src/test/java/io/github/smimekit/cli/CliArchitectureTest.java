package io.github.smimekit.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.security.Provider;
import java.security.Security;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's rules for smime-cli: the command works over the SDK's public API only, so it uses no
 * module's {@code internal} package, no Bouncy Castle type and no test fixture.
 */
final class CliArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.smimekit.cli");

  @Test
  void cli_usesNoModulesInternals() {
    noClasses()
        .that()
        .resideInAPackage("io.github.smimekit.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.github.smimekit.core.internal..",
            "io.github.smimekit.sst.internal..",
            "io.github.smimekit.exchange.internal..",
            "io.github.smimekit.mail.internal..")
        .check(CLASSES);
  }

  @Test
  void publicPackage_doesNotUseBouncyCastle() {
    noClasses()
        .that()
        .resideInAPackage("io.github.smimekit.cli")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.bouncycastle..")
        .check(CLASSES);
  }

  @Test
  void cli_dependsOnNoTestFixtureExampleOrBenchmark() {
    // the exceptions: 'smime exchange fake' runs smime-testing's loopback Admin API fake, and
    // 'smime demo' runs it in-process on smime-testing's demo organisation
    noClasses()
        .that()
        .resideInAPackage("io.github.smimekit.cli..")
        .and()
        .doNotHaveSimpleName("ExchangeFakeCommand")
        .and()
        .doNotHaveSimpleName("DemoCommand")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.github.smimekit.testing..",
            "io.github.smimekit.examples..",
            "io.github.smimekit.benchmarks..")
        .check(CLASSES);
  }

  @Test
  void msal_isUsedOnlyByTheConnectionOptions() {
    // smime-exchange-msal (and MSAL4J behind it) stays behind --client-id/--certificate
    noClasses()
        .that()
        .resideInAPackage("io.github.smimekit.cli..")
        .and()
        .doNotHaveSimpleName("AdminApiConnection")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.github.smimekit.exchange.msal..", "com.microsoft.aad..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("io.github.smimekit.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.microsoft.aad..")
        .check(CLASSES);
  }

  @Test
  void noClass_callsSecurityAddProvider() {
    noClasses()
        .should()
        .callMethod(Security.class, "addProvider", Provider.class)
        .orShould()
        .callMethod(Security.class, "insertProviderAt", Provider.class, int.class)
        .check(CLASSES);
  }
}
