package io.github.smimekit.sst;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smimekit.core.Bytes;
import io.github.smimekit.testing.GeneratedElement;
import io.github.smimekit.testing.GeneratedStore;
import io.github.smimekit.testing.RandomStores;
import org.junit.jupiter.api.Test;

/**
 * Property-based round trips over the seeded random stores of smime-testing ({@link RandomStores}:
 * real random certificates and CRLs, known properties with Windows-computed values, 0-length and
 * user ids, KEY_PROV_INFO). Each failure message names the seed and the store index.
 */
final class GeneratedStoreRoundTripTest {
  private static final long SEED = 0x4854L;
  private static final int CASES = 300;

  @Test
  void readWriteVerify_generatedStores_roundTripExactly() {
    RandomStores stores = RandomStores.create(SEED);
    for (int i = 0; i < CASES; i++) {
      GeneratedStore g = stores.next();
      String where = "seed " + SEED + ", store #" + i + ": " + g;
      byte[] file = g.encode();

      SerializedStore s = SerializedStore.read(Bytes.copyOf(file));

      // every property is kept, key links (id 2 KEY_PROV_INFO and friends) too
      assertThat(s.warnings()).as(where).isEmpty();
      assertThat(s.encode().toByteArray()).as("write(read(b)) == b, %s", where).isEqualTo(file);
      assertThat(SerializedStore.read(Bytes.copyOf(s.encode().toByteArray())))
          .as("read(write(s)) == s, %s", where)
          .isEqualTo(s);
      assertThat(s.entries()).as(where).hasSameSizeAs(g.contexts());
      for (int c = 0; c < g.contexts().size(); c++) {
        StoreEntry e = s.entries().get(c);
        assertThat(e.contextType().code()).as(where).isEqualTo(g.contexts().get(c).id());
        assertThat(e.encoded()).as(where).isEqualTo(Bytes.copyOf(g.contexts().get(c).value()));
        assertThat(e.properties().stream().map(StoreProperty::id).toList())
            .as(where)
            .isEqualTo(g.propertiesOf(c).stream().map(GeneratedElement::id).toList());
      }
      assertThat(s.certificates()).as(where).isEqualTo(g.certificates());
      assertThat(s.verify()).as("hashes computed as Windows does, %s", where).isEmpty();
    }
  }
}
