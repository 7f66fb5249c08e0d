package io.github.smimekit.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smimekit.core.SmimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Desired-state and current-state files are untrusted bytes: any file gives a state, a typed {@link
 * SmimeException} or (for a certificate file it names that cannot be read) an {@link IOException},
 * each with a message, never a runtime exception. The bytes are written to a file in an otherwise
 * empty folder and read through the public entry points ({@link DesiredState#read}, {@link
 * DesiredState#readCurrent}), so the bounded read, the JSON limits, the strict field checks and the
 * certificate and store decoding behind them are all reached. {@code mvn test} runs the seeds in
 * {@code DesiredStateFuzzTestInputs/}; {@code JAZZER_FUZZ=1 mvn test -Dtest=DesiredStateFuzzTest}
 * fuzzes.
 */
final class DesiredStateFuzzTest {
  private static final Path FOLDER = folder();

  private static Path folder() {
    try {
      Path dir = Files.createTempDirectory("desired-state-fuzz");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path write(String name, byte[] data) {
    Path file = FOLDER.resolve(name);
    try {
      Files.write(file, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    file.toFile().deleteOnExit();
    return file;
  }

  @FuzzTest(maxDuration = "60s")
  void anyDesiredFile_givesStateOrTypedFailure(byte[] data) {
    Path file = write("desired.json", data);
    try {
      DesiredState d = DesiredState.read(file);
      assertThat(DesiredState.read(file)).as("reading is deterministic").isEqualTo(d);
    } catch (SmimeException | IOException e) { // IOException: a file it names cannot be read
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "60s")
  void anyCurrentFile_givesStateOrTypedFailure(byte[] data) {
    Path file = write("current.json", data);
    try {
      TenantState t = DesiredState.readCurrent(file);
      assertThat(DesiredState.readCurrent(file)).as("reading is deterministic").isEqualTo(t);
    } catch (SmimeException | IOException e) { // IOException: a file it names cannot be read
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
