package io.github.smimekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the shaded {@code smime-cli-VERSION-all.jar} carries besides classes: one Apache-2.0 {@code
 * LICENSE}, the dependencies' {@code NOTICE} files merged into one, Bouncy Castle's licence under
 * its own name, merged {@code META-INF/services}, and no {@code module-info}. Run by failsafe,
 * which passes the jar's path as {@code smime.jar}.
 */
final class ShadedJarContentsIT {
  private static Path jar = Path.of("");

  @BeforeAll
  static void findJar() {
    String property = System.getProperty("smime.jar");
    assertThat(property).as("system property smime.jar (set by failsafe)").isNotBlank();
    jar = Path.of(property);
    assertThat(jar).isRegularFile();
  }

  @Test
  void licence_isTheProjectsApacheLicence() throws IOException {
    assertThat(text("META-INF/LICENSE"))
        .contains("Apache License")
        .contains("Version 2.0, January 2004");
    assertThat(entry("META-INF/LICENSE.txt")).as("duplicate licence copies are dropped").isFalse();
    assertThat(entry("META-INF/LICENSE.md")).as("duplicate licence copies are dropped").isFalse();
  }

  @Test
  void bouncyCastleLicence_isKeptUnderItsOwnName() throws IOException {
    assertThat(text("META-INF/LICENSE-bouncycastle.md"))
        .contains("MIT License")
        .contains("The Legion of the Bouncy Castle Inc.");
  }

  @Test
  void notice_mergesTheDependenciesNotices() throws IOException {
    assertThat(text("META-INF/NOTICE")).contains("Jackson");
    assertThat(entry("META-INF/NOTICE.txt")).as("merged into META-INF/NOTICE").isFalse();
  }

  @Test
  void services_areMergedAndModuleDescriptorsDropped() throws IOException {
    assertThat(text("META-INF/services/com.fasterxml.jackson.core.JsonFactory")).isNotBlank();
    assertThat(entry("module-info.class")).isFalse();
  }

  private static boolean entry(String name) throws IOException {
    try (JarFile jf = new JarFile(jar.toFile())) {
      return jf.getEntry(name) != null;
    }
  }

  private static String text(String name) throws IOException {
    try (JarFile jf = new JarFile(jar.toFile())) {
      ZipEntry e = jf.getEntry(name);
      assertThat(e).as(name + " in " + jar.getFileName()).isNotNull();
      return new String(jf.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
