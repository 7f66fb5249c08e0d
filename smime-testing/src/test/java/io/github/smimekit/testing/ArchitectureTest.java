package io.github.smimekit.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import org.junit.jupiter.api.Test;

/** STYLE.md section 7: Bouncy Castle stays in the internal package and out of the public API. */
final class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.smimekit.testing");

  @Test
  void publicPackage_doesNotDependOnBouncyCastle() {
    noClasses()
        .that()
        .resideInAPackage("io.github.smimekit.testing")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.bouncycastle..")
        .check(CLASSES);
  }

  @Test
  void publicMethods_mentionNoBouncyCastleType() {
    methods()
        .that()
        .arePublic()
        .and()
        .areDeclaredInClassesThat()
        .resideInAPackage("io.github.smimekit.testing")
        .should()
        .notHaveRawReturnType(
            DescribedPredicate.describe(
                "a Bouncy Castle type",
                (JavaClass c) -> c.getPackageName().startsWith("org.bouncycastle")))
        .andShould()
        .notHaveRawParameterTypes(
            DescribedPredicate.describe(
                "any Bouncy Castle type",
                (List<JavaClass> ps) ->
                    ps.stream().anyMatch(c -> c.getPackageName().startsWith("org.bouncycastle"))))
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
