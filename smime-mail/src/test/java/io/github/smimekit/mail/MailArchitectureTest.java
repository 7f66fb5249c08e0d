package io.github.smimekit.mail;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Module rules of STYLE.md sections 1 and 7 for smime-mail. */
final class MailArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.smimekit.mail");

  @Test
  void publicPackage_usesNeitherBouncyCastleNorJakartaMail() {
    noClasses()
        .that()
        .resideInAPackage("io.github.smimekit.mail")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.bouncycastle..", "jakarta.mail..")
        .check(MAIN);
  }

  @Test
  void publicMethods_haveNoBouncyCastleOrJakartaTypeInTheirSignature() {
    noMethods()
        .that()
        .arePublic()
        .and()
        .areDeclaredInClassesThat()
        .resideInAPackage("io.github.smimekit.mail")
        .should()
        .haveRawReturnType(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "a Bouncy Castle or Jakarta Mail type",
                (com.tngtech.archunit.core.domain.JavaClass c) ->
                    c.getPackageName().startsWith("org.bouncycastle")
                        || c.getPackageName().startsWith("jakarta.mail")))
        .check(MAIN);
  }

  @Test
  void mail_doesNotReachIntoOtherModulesInternals() {
    noClasses()
        .that()
        .resideInAPackage("io.github.smimekit.mail..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.github.smimekit.core.internal..",
            "io.github.smimekit.sst.internal..",
            "io.github.smimekit.exchange..")
        .check(MAIN);
  }
}
