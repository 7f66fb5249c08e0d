package io.github.smimekit.sst;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smimekit.core.Bytes;
import io.github.smimekit.core.ReadLimits;
import java.util.function.Supplier;

/**
 * Jazzer target for the typed accessors of what reading returns: every {@link StoreProperty}
 * decoder (UTF-16 text, FILETIME, u32, OID lists) on every known id, and every {@link StoreEntry}
 * getter (friendly name, description, enhanced key usage, key identifier, thumbprint, certificate
 * and CRL decoding). Each may only return or throw a typed {@link SstFormatException}.
 *
 * <p>The input is used twice: as a property value (the first two bytes choose the id) and as a
 * lenient store. Seeds: {@code StoreAccessorsFuzzTestInputs/accessors/} (see the README there).
 */
final class StoreAccessorsFuzzTest {
  private static final SstReadOptions LENIENT =
      SstReadOptions.builder()
          .lenient(true)
          .allowHeaderlessElements(true)
          .limits(ReadLimits.defaults().withMaxInputBytes(1 << 20))
          .build();

  @FuzzTest(maxDuration = "10m")
  void accessors(byte[] data) {
    if (data.length >= 2) {
      int id = 1 + (((data[0] & 0xFF) << 8 | (data[1] & 0xFF)) % 0xFFFF);
      Bytes value = Bytes.copyOf(data, 2, data.length - 2);
      property(StoreProperty.read(id, value, 8));
      for (PropertyId known : PropertyId.values()) {
        property(StoreProperty.read(known.code(), value, -1));
      }
    }
    SerializedStore s;
    try {
      s = StoreSniffer.open(Bytes.copyOf(data), LENIENT).store();
    } catch (SstFormatException e) {
      assertThat(e.getMessage()).isNotEmpty();
      return;
    }
    for (StoreEntry e : s.entries()) {
      typed(e::friendlyName);
      typed(e::description);
      typed(e::enhancedKeyUsageRestriction);
      typed(e::keyIdentifier);
      typed(e::sha1);
      typed(e::decodingProblem);
      typed(e::tryCertificate);
      typed(e::toString);
      if (e.isCertificate()) {
        typed(e::certificate);
      } else if (e.contextType() == ContextType.CRL) {
        typed(e::crl);
      }
      for (StoreProperty p : e.properties()) {
        property(p);
      }
    }
    typed(s::verify);
  }

  private static void property(StoreProperty p) {
    typed(p::utf16Text);
    typed(p::fileTime);
    typed(p::u32);
    typed(p::oids);
    typed(p::name);
    typed(p::knownId);
    typed(p::toString);
  }

  private static void typed(Supplier<?> accessor) {
    try {
      assertThat(accessor.get()).isNotNull();
    } catch (SstFormatException e) {
      assertThat(e.getMessage()).isNotEmpty();
    }
  }
}
