package io.github.smimekit.sst;

import io.github.smimekit.core.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * A small seeded generator of random stores for round-trip tests (random DER-like context bytes,
 * random property ids including 0-length values and user ids, CRLs and CTLs). The reader does not
 * parse the DER, so random bytes exercise the container exhaustively.
 */
final class SeededStores {
  private static final int[] KNOWN = {
    3, 4, 9, 11, 13, 15, 19, 20, 25, 29, 83, 92, 98, 104, 105, 107, 122, 126, 127
  };

  private SeededStores() {}

  static RandomGenerator random(long seed) {
    return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
  }

  /** A random model store (no duplicate property ids within an entry). */
  static SerializedStore store(long seed) {
    RandomGenerator r = random(seed);
    SerializedStore.Builder b = SerializedStore.builder();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      ContextType type =
          r.nextInt(10) < 8
              ? ContextType.CERTIFICATE
              : r.nextBoolean() ? ContextType.CRL : ContextType.CTL;
      List<StoreProperty> props = new ArrayList<>();
      Set<Integer> used = new HashSet<>();
      int np = r.nextInt(8);
      for (int j = 0; j < np; j++) {
        int id = propertyId(r);
        if (used.add(id)) {
          props.add(StoreProperty.of(id, Bytes.copyOf(bytes(r, r.nextInt(5) == 0 ? 0 : 40))));
        }
      }
      byte[] der = bytes(r, 300);
      if (der.length == 0) {
        der = new byte[] {0x30};
      }
      b.add(StoreEntry.of(type, Bytes.copyOf(der), props));
    }
    return b.build();
  }

  /** A random valid file, possibly with duplicate property ids within a group. */
  static byte[] file(long seed) {
    RandomGenerator r = random(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0, 0, 0, 0, 'C', 'E', 'R', 'T'});
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      int np = r.nextInt(8);
      for (int j = 0; j < np; j++) {
        out.writeBytes(element(propertyId(r), bytes(r, r.nextInt(4) == 0 ? 0 : 64)));
      }
      byte[] der = bytes(r, 400);
      out.writeBytes(element(32 + r.nextInt(3), der.length == 0 ? new byte[] {0x30} : der));
    }
    out.writeBytes(new byte[12]);
    return out.toByteArray();
  }

  private static int propertyId(RandomGenerator r) {
    int kind = r.nextInt(4);
    if (kind == 0) {
      return KNOWN[r.nextInt(KNOWN.length)];
    }
    if (kind == 1) {
      return 0x8000 + r.nextInt(0x8000);
    }
    int id;
    do {
      id = 1 + r.nextInt(0xFFFF);
    } while (id >= 32 && id <= 34);
    return id;
  }

  private static byte[] bytes(RandomGenerator r, int maxLength) {
    byte[] b = new byte[maxLength == 0 ? 0 : r.nextInt(maxLength + 1)];
    r.nextBytes(b);
    return b;
  }

  static byte[] element(int id, byte[] value) {
    return ByteBuffer.allocate(12 + value.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(id)
        .putInt(1)
        .putInt(value.length)
        .put(value)
        .array();
  }
}
