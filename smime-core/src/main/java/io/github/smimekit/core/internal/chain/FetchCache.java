package io.github.smimekit.core.internal.chain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The cache directory of issuer fetching: {@code urls/<SHA-256 of the URL>} holds the SHA-256 of
 * the answer (and the URL, for people reading the folder), {@code objects/<SHA-256>} holds each
 * answer once. An entry whose content does not match its name, or is larger than the answer limit,
 * is a miss. Files are written to a temporary name and moved into place, so concurrent runs never
 * read half a file.
 */
final class FetchCache {
  private final Path dir;
  private final int maxBytes;

  FetchCache(Path dir, int maxBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  /** The cached answer for {@code url}; empty on a miss. */
  Optional<byte[]> get(String url) throws IOException {
    Path index = dir.resolve("urls").resolve(sha256(url.getBytes(StandardCharsets.UTF_8)));
    if (!Files.isRegularFile(index) || Files.size(index) > 4096) {
      return Optional.empty();
    }
    String content = Files.readString(index, StandardCharsets.UTF_8);
    int nl = content.indexOf('\n');
    String hash = nl < 0 ? content.trim() : content.substring(0, nl).trim();
    if (!hash.matches("[0-9a-f]{64}")) {
      return Optional.empty();
    }
    Path object = dir.resolve("objects").resolve(hash);
    if (!Files.isRegularFile(object) || Files.size(object) > maxBytes) {
      return Optional.empty();
    }
    byte[] data = Files.readAllBytes(object);
    if (data.length > maxBytes || !sha256(data).equals(hash)) {
      return Optional.empty();
    }
    return Optional.of(data);
  }

  /** Stores {@code data} as the answer of {@code url}. */
  void put(String url, byte[] data) throws IOException {
    String hash = sha256(data);
    Path objects = Files.createDirectories(dir.resolve("objects"));
    Path urls = Files.createDirectories(dir.resolve("urls"));
    Path object = objects.resolve(hash);
    if (!Files.isRegularFile(object)) {
      write(object, data);
    }
    write(
        urls.resolve(sha256(url.getBytes(StandardCharsets.UTF_8))),
        (hash + "\n" + url + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static void write(Path target, byte[] data) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), ".tmp-", "");
    try {
      Files.write(tmp, data);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
