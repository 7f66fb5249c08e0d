package io.github.smimekit.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.security.Provider;
import java.security.Security;
import org.junit.jupiter.api.Test;

/**
 * The examples show the SDK as a user sees it: public API only (no {@code internal} package, no
 * Bouncy Castle type, not the command line's classes).
 */
final class ExamplesArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.smimekit.examples");

  @Test
  void examples_usePublicApiOnly() {
    noClasses()
        .that()
        .resideInAPackage("io.github.smimekit.examples..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.github.smimekit..internal..",
            "io.github.smimekit.cli..",
            "io.github.smimekit.benchmarks..")
        .check(CLASSES);
  }

  @Test
  void examples_doNotUseBouncyCastle() {
    noClasses()
        .that()
        .resideInAPackage("io.github.smimekit.examples..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.bouncycastle..")
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
