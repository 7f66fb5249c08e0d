package io.github.smimekit.sst;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared .sst test data (the repository's testdata/sst, see its README.md). */
final class TestFiles {
  static final Path ROOT = Path.of("../testdata/sst");

  private TestFiles() {}

  static Path path(String relative) {
    return ROOT.resolve(relative);
  }

  static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every data file (README excluded), as paths relative to {@link #ROOT}. */
  static List<String> all() {
    try (Stream<Path> s = Files.walk(ROOT)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(".md"))
          .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files that are valid serialized stores. */
  static List<String> validStores() {
    return all().stream()
        .filter(
            f ->
                f.startsWith("windows/")
                    || f.startsWith("wine-generated/wine8_saveasstore")
                    || f.startsWith("wine-tests/serializedStore"))
        .toList();
  }
}
