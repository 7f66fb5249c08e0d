package io.github.smimekit.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of STYLE.md section 7: Bouncy Castle is an implementation detail of {@code
 * ..internal..} packages, never part of the public API, and no code registers a JCA provider
 * globally.
 */
final class ArchitectureTest {
  private static final String BC = "org.bouncycastle..";
  private static JavaClasses core;

  @BeforeAll
  static void importClasses() {
    core =
        new ClassFileImporter()
            // Predefined.DO_NOT_INCLUDE_TESTS only knows target/test-classes; builds here may use
            // another folder (-Dsmime.target=...), so exclude any test-classes folder and jar.
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("io.github.smimekit.core");
  }

  @Test
  void classesOutsideInternal_doNotDependOnBouncyCastle() {
    noClasses()
        .that()
        .resideOutsideOfPackage("..internal..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(BC)
        .because("org.bouncycastle.* may be imported only under ..internal.. (STYLE.md 7)")
        .check(core);
  }

  @Test
  void publicApi_signaturesDoNotMentionBouncyCastle() {
    classes()
        .that()
        .resideInAPackage("io.github.smimekit.core")
        .and()
        .arePublic()
        .should(haveNoBouncyCastleInPublicSignatures())
        .because("no BC type appears in a public signature (STYLE.md 2 and 7)")
        .check(core);
  }

  @Test
  void noClass_callsSecurityAddProvider() {
    noClasses()
        .should()
        .callMethod(Security.class, "addProvider", Provider.class)
        .orShould()
        .callMethod(Security.class, "insertProviderAt", Provider.class, int.class)
        .because("nothing global: providers are passed explicitly (STYLE.md 7)")
        .check(core);
  }

  @Test
  void rules_flagViolationsInAFixture() {
    JavaClasses leaky = new ClassFileImporter().importClasses(LeakyApi.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> classes().should(haveNoBouncyCastleInPublicSignatures()).check(leaky))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("returns mentions org.bouncycastle.asn1.x500.X500Name")
        .hasMessageContaining("parameter mentions org.bouncycastle.asn1.ASN1Integer");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                noClasses()
                    .should()
                    .callMethod(Security.class, "addProvider", Provider.class)
                    .check(leaky))
        .isInstanceOf(AssertionError.class);
  }

  /** A fixture breaking every rule (test code; the rules above import production code only). */
  public static final class LeakyApi {
    /** Leaks a BC type in a generic return type. */
    public List<org.bouncycastle.asn1.x500.X500Name> names() {
      return List.of();
    }

    /** Leaks a BC type in a parameter. */
    public void take(org.bouncycastle.asn1.ASN1Integer i) {
      Security.addProvider(new java.security.Provider("x", "1", "x") {});
    }
  }

  private static ArchCondition<JavaClass> haveNoBouncyCastleInPublicSignatures() {
    return new ArchCondition<>("have no Bouncy Castle type in a public or protected signature") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        List<String> problems = new ArrayList<>();
        c.getRawSuperclass().ifPresent(s -> flag(c.getName() + " extends", s, problems));
        for (JavaClass i : c.getRawInterfaces()) {
          flag(c.getName() + " implements", i, problems);
        }
        for (JavaMember m : c.getMembers()) {
          if (!isExposed(m.getModifiers())) {
            continue;
          }
          if (m instanceof JavaField f) {
            involved(f.getType(), m.getFullName(), problems);
          } else if (m instanceof JavaCodeUnit u) {
            involved(u.getReturnType(), u.getFullName() + " returns", problems);
            for (JavaType p : u.getParameterTypes()) {
              involved(p, u.getFullName() + " parameter", problems);
            }
            for (JavaClass t : u.getThrowsClause().getTypes()) {
              flag(u.getFullName() + " throws", t, problems);
            }
          }
        }
        for (String p : problems) {
          events.add(SimpleConditionEvent.violated(c, p));
        }
      }
    };
  }

  private static boolean isExposed(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static void involved(JavaType type, String where, List<String> problems) {
    for (JavaClass raw : type.getAllInvolvedRawTypes()) {
      flag(where, raw, problems);
    }
  }

  private static void flag(String where, JavaClass type, List<String> problems) {
    if (type.getPackageName().startsWith("org.bouncycastle")) {
      problems.add(where + " mentions " + type.getName());
    }
  }
}
