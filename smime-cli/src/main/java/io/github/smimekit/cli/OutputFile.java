package io.github.smimekit.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * Safe writing of a command's output file: never over an input, never over an existing file without
 * {@code --force}, and never a half-written file.
 *
 * <p>Use: add {@code @Mixin OutputFile.Force force = new OutputFile.Force();} to the command, call
 * {@link #check} with the {@code --out} path and every input path before doing any work (it throws
 * a usage error, exit 2), then {@link #write} the bytes. {@link #write} writes a temporary file in
 * the target's folder and moves it into place atomically, so an interrupted run leaves either the
 * old file or the new one.
 */
final class OutputFile {
  private OutputFile() {}

  /** {@code --force}: allow replacing an existing output. */
  static final class Force {
    @Option(
        names = "--force",
        description = "Replace the output if it exists (it is never replaced otherwise).")
    boolean force;
  }

  /**
   * Refuses an output that is one of the inputs, or that exists while {@code force} is off.
   *
   * @param command the command whose usage is wrong
   * @param option the option's name for messages, e.g. {@code "--out"}
   * @param target the output path
   * @param force whether {@code --force} was given
   * @param inputs every input path of the command (files or directories)
   */
  static void check(
      BaseCommand command, String option, Path target, boolean force, Collection<Path> inputs)
      throws IOException {
    for (Path in : inputs) {
      if (same(target, in)) {
        throw command.usage(option + " " + target + " is also an input; write to another file");
      }
    }
    if (Files.isDirectory(target)) {
      throw command.usage(option + " " + target + " is a directory; name a file");
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !force) {
      throw command.usage(option + " " + target + " exists; add --force to replace it");
    }
  }

  /**
   * Like {@link #check}, for an output that is a directory: an existing directory is refused unless
   * it is empty or {@code force} is on; an existing file is refused.
   */
  static void checkDirectory(
      BaseCommand command, String option, Path target, boolean force, Collection<Path> inputs)
      throws IOException {
    for (Path in : inputs) {
      if (same(target, in)) {
        throw command.usage(
            option + " " + target + " is also an input; write to another directory");
      }
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isDirectory(target)) {
        throw command.usage(option + " " + target + " exists and is not a directory");
      }
      if (!force && !isEmptyDirectory(target)) {
        throw command.usage(
            option
                + " "
                + target
                + " is a directory that is not empty; add --force to write into it");
      }
    }
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static boolean same(Path a, Path b) throws IOException {
    if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
      return true;
    }
    return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
  }

  /**
   * Writes {@code data} to {@code target} through a temporary file in the same folder, moved into
   * place atomically (replacing an existing file: call {@link #check} first).
   */
  static void write(Path target, byte[] data) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp =
        Files.createTempFile(
            dir == null ? Path.of(".") : dir, "." + abs.getFileName() + ".", ".tmp");
    try {
      Files.write(tmp, data);
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
