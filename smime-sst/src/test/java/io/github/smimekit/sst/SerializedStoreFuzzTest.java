package io.github.smimekit.sst;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.ReadLimits;

/**
 * Jazzer target for reading untrusted bytes: strict, lenient and header-less reading and content
 * sniffing may only return a result or throw a typed {@link SstFormatException}; whatever is read
 * must write back to bytes that read to an equal store. Seeds: {@code
 * SerializedStoreFuzzTestInputs/read/} (see the README there).
 */
final class SerializedStoreFuzzTest {
  private static final SstReadOptions STRICT =
      SstReadOptions.builder().limits(ReadLimits.defaults().withMaxInputBytes(1 << 20)).build();
  private static final SstReadOptions LENIENT =
      STRICT.toBuilder().lenient(true).allowHeaderlessElements(true).build();

  @FuzzTest(maxDuration = "10m")
  void read(byte[] data) {
    for (SstReadOptions o : new SstReadOptions[] {STRICT, LENIENT}) {
      try {
        SerializedStore s = SerializedStore.read(Bytes.copyOf(data), o);
        byte[] again = s.encode().toByteArray();
        assertThat(SerializedStore.read(Bytes.copyOf(again))).isEqualTo(s);
        if (o == STRICT && s.warnings().isEmpty()) {
          assertThat(again).isEqualTo(data);
        }
        s.verify();
        for (StoreEntry e : s.entries()) {
          e.sha1();
          e.tryCertificate();
        }
      } catch (SstFormatException e) {
        assertThat(e.getMessage()).isNotEmpty();
      }
    }
    try {
      StoreSniffer.open(Bytes.copyOf(data), LENIENT).store().encode().toByteArray();
    } catch (SstFormatException e) {
      assertThat(e.getMessage()).isNotEmpty();
    }
  }
}
