package io.github.smimekit.exchange;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.security.Provider;
import java.security.Security;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's rules for smime-exchange: it sits on smime-sst and smime-core, never reaches into
 * their {@code internal} packages, and keeps Bouncy Castle out of its public package.
 */
final class ExchangeArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.smimekit.exchange");

  @Test
  void publicPackage_doesNotUseBouncyCastle() {
    noClasses()
        .that()
        .resideInAPackage("io.github.smimekit.exchange")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.bouncycastle..")
        .check(CLASSES);
  }

  @Test
  void exchange_doesNotReachIntoOtherModulesInternals() {
    noClasses()
        .that()
        .resideInAPackage("io.github.smimekit.exchange..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.github.smimekit.core.internal..", "io.github.smimekit.sst.internal..")
        .check(CLASSES);
  }

  @Test
  void exchange_dependsOnlyOnModulesToItsRight() {
    noClasses()
        .that()
        .resideInAPackage("io.github.smimekit.exchange..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.github.smimekit.cli..",
            "io.github.smimekit.examples..",
            "io.github.smimekit.mail..",
            "io.github.smimekit.testing..",
            "io.github.smimekit.benchmarks..")
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
