package io.github.smimekit.sst;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Module rules of STYLE.md sections 1 and 7 for smime-sst. */
final class SstArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.smimekit.sst");

  @Test
  void publicPackage_doesNotUseBouncyCastle() {
    noClasses()
        .that()
        .resideInAPackage("io.github.smimekit.sst")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.bouncycastle..")
        .check(MAIN);
  }

  @Test
  void sst_doesNotReachIntoOtherModulesInternals() {
    noClasses()
        .that()
        .resideInAPackage("io.github.smimekit.sst..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.github.smimekit.core.internal..", "io.github.smimekit.exchange..")
        .check(MAIN);
  }
}
