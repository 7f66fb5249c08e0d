package io.github.smimekit.sst;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.core.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Property-based round trips over seeded random stores: {@code read(write(s)) == s} and {@code
 * write(read(b)) == b}. Each failure message names the seed; rerun with it to reproduce.
 */
final class SerializedStoreRoundTripTest {
  private static final int CASES = 3000;
  private static final long BASE_SEED = 0x5_5354L;

  @Test
  void readOfWrite_randomStores_givesEqualStore() throws IOException {
    for (int i = 0; i < CASES; i++) {
      long seed = BASE_SEED + i;
      SerializedStore s = SeededStores.store(seed);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      s.write(out);
      byte[] bytes = s.encode().toByteArray();

      assertThat(bytes).as("seed %d: streamed vs array", seed).isEqualTo(out.toByteArray());
      assertThat(bytes.length).as("seed %d: encodedSize", seed).isEqualTo(s.encodedSize());
      SerializedStore back = SerializedStore.read(Bytes.copyOf(bytes));
      assertThat(back).as("seed %d: read(write(s))", seed).isEqualTo(s);
      assertThat(back.warnings()).as("seed %d", seed).isEmpty();
      assertThat(back.hashCode()).as("seed %d", seed).isEqualTo(s.hashCode());
    }
  }

  @Test
  void writeOfRead_randomFiles_givesSameBytes() {
    for (int i = 0; i < CASES; i++) {
      long seed = BASE_SEED + 1_000_000 + i;
      byte[] file = SeededStores.file(seed);

      SerializedStore s = SerializedStore.read(Bytes.copyOf(file));

      assertThat(s.encode().toByteArray()).as("seed %d: write(read(b))", seed).isEqualTo(file);
      assertThat(SerializedStore.read(Bytes.copyOf(file), SstReadOptions.lenient()).warnings())
          .as("seed %d", seed)
          .isEmpty();
    }
  }

  @Test
  void read_randomSingleByteCorruption_resultOrTypedError() {
    for (int i = 0; i < CASES; i++) {
      long seed = BASE_SEED + 2_000_000 + i;
      RandomGenerator r = SeededStores.random(seed);
      byte[] file = SeededStores.file(seed);
      file[r.nextInt(file.length)] = (byte) r.nextInt(256);
      for (SstReadOptions o :
          new SstReadOptions[] {SstReadOptions.strict(), SstReadOptions.lenient()}) {
        try {
          SerializedStore s = SerializedStore.read(Bytes.copyOf(file), o);
          assertThat(SerializedStore.read(Bytes.copyOf(s.encode().toByteArray())))
              .as("seed %d", seed)
              .isEqualTo(s);
        } catch (SstFormatException e) {
          assertThat(e.offset()).as("seed %d: %s", seed, e.getMessage()).isPresent();
        }
      }
    }
  }
}
