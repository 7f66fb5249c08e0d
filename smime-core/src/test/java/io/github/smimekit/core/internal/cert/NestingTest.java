package io.github.smimekit.core.internal.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smimekit.core.SmimeFormatException;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class NestingTest {

  /** {@code depth} SEQUENCEs, each holding the next, around a NULL: depth levels of nesting. */
  private static byte[] sequences(int depth) {
    byte[] inner = {0x05, 0x00};
    for (int i = 0; i < depth; i++) {
      inner = wrap(0x30, inner);
    }
    return inner;
  }

  /** A TLV with a 4-byte length, so every level of a chain adds the same 6 bytes. */
  private static byte[] wrap(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    int n = content.length;
    out.write(tag);
    out.write(0x84);
    out.write(n >>> 24);
    out.write(n >>> 16);
    out.write(n >>> 8);
    out.write(n);
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static void check(byte[] b) {
    Nesting.check(b, 0, b.length, Nesting.MAX_DEPTH, "test input", 0);
  }

  @Test
  void check_realCertificate_passes() throws Exception {
    TestPki pki = TestPki.create(64L);
    byte[] der =
        pki.leaf(pki.rootCa("Nesting Root").keyType(KeyType.EC_P256).build())
            .email("a@example.org")
            .build()
            .certificate()
            .getEncoded();
    assertThatCode(() -> check(der)).doesNotThrowAnyException();
  }

  @Test
  void check_sixtyFourLevels_passesAndSixtyFiveAreRefused() {
    assertThatCode(() -> check(sequences(64))).doesNotThrowAnyException();
    assertThatThrownBy(() -> check(sequences(65)))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("test input: BER/DER nested deeper than 64 levels");
  }

  @Test
  void check_deepChainOfEncapsulatingOctetStrings_refusedWithoutDeepRecursion() {
    // each primitive OCTET STRING holds the next as DER: 200,000 levels of encapsulation, which a
    // walk recursing once per string would need 200,000 stack frames for
    int levels = 200_000;
    byte[] chain = new byte[6 * levels + 4];
    for (int i = 0; i < levels; i++) {
      int n = chain.length - 6 * (i + 1);
      byte[] header = {
        0x04, (byte) 0x84, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n
      };
      System.arraycopy(header, 0, chain, 6 * i, 6);
    }
    System.arraycopy(new byte[] {0x04, 0x02, 0x05, 0x00}, 0, chain, 6 * levels, 4);
    assertThatThrownBy(() -> check(chain))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("test input: BER/DER nested deeper than 64 levels");
  }

  @Test
  void check_malformedBytesInAStringPastTheBound_areOpaque() {
    // 64 SEQUENCE levels, the innermost holding an OCTET STRING whose content is not BER: the
    // string's content is opaque bytes, so the nesting is 64 levels
    byte[] opaque = wrap(0x04, new byte[] {0x30, 0x7f});
    byte[] inner = opaque;
    for (int i = 0; i < 64; i++) {
      inner = wrap(0x30, inner);
    }
    byte[] b = inner;
    assertThatCode(() -> check(b)).doesNotThrowAnyException();
    // the same with DER in the string: 65 levels
    byte[] der = wrap(0x04, new byte[] {0x05, 0x00});
    for (int i = 0; i < 64; i++) {
      der = wrap(0x30, der);
    }
    byte[] deep = der;
    assertThatThrownBy(() -> check(deep))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("test input: BER/DER nested deeper than 64 levels");
  }

  /**
   * Seeded random DER trees nested 40 to 90 levels deep (constructed elements, strings holding DER,
   * leaves, short and long length forms, short elements the walk passes over unwalked): the check
   * refuses exactly those deeper than 64 levels, counting as it documents (a constructed element or
   * a string holding DER is a level; a leaf is not).
   */
  @Test
  void check_randomTrees_refusedExactlyWhenDeeperThanTheBound() {
    SplittableRandom random = new SplittableRandom(20261202L);
    int refused = 0;
    for (int i = 0; i < 2000; i++) {
      Tree t = new Tree(random, 40 + random.nextInt(51));
      byte[] b = t.element(0, true);
      boolean deep = t.deepest > Nesting.MAX_DEPTH;
      if (deep) {
        refused++;
        assertThatThrownBy(() -> check(b))
            .as("tree %d, %d levels", i, t.deepest)
            .isInstanceOf(SmimeFormatException.class);
      } else {
        assertThatCode(() -> check(b))
            .as("tree %d, %d levels", i, t.deepest)
            .doesNotThrowAnyException();
      }
    }
    // both sides of the bound are exercised
    assertThat(refused).isBetween(200, 1800);
  }

  /** A random tree whose spine reaches {@code spine} levels; {@link #deepest} is its depth. */
  private static final class Tree {
    private final SplittableRandom random;
    private final int spine;
    int deepest;

    Tree(SplittableRandom random, int spine) {
      this.random = random;
      this.spine = spine;
    }

    /**
     * An element inside an element open at level {@code open}. On the spine, it holds the spine's
     * next level until the spine's depth is reached; off it, it is mostly a leaf.
     */
    byte[] element(int open, boolean spineBranch) {
      boolean onSpine = spineBranch && open < spine;
      int kind = onSpine ? random.nextInt(3) : random.nextInt(8);
      if (!onSpine && (kind >= 3 || open > spine + 2)) {
        return leaf();
      }
      int level = open + 1;
      deepest = Math.max(deepest, level);
      List<byte[]> children = new ArrayList<>();
      int n = 1 + random.nextInt(onSpine ? 3 : 2);
      int spineChild = onSpine ? random.nextInt(n) : -1;
      for (int c = 0; c < n; c++) {
        children.add(element(level, c == spineChild));
      }
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      for (byte[] c : children) {
        content.writeBytes(c);
      }
      return switch (kind) {
        case 0 -> tlv(0x30, content.toByteArray());
        case 1 -> tlv(0x04, content.toByteArray()); // an OCTET STRING holding DER
        default -> { // a BIT STRING holding DER, after its unused-bits octet
          ByteArrayOutputStream bits = new ByteArrayOutputStream();
          bits.write(0);
          bits.writeBytes(content.toByteArray());
          yield tlv(0x03, bits.toByteArray());
        }
      };
    }

    private byte[] leaf() {
      return random.nextBoolean()
          ? new byte[] {0x05, 0x00}
          : tlv(0x02, new byte[] {(byte) (1 + random.nextInt(100))});
    }

    /** A TLV with a random length form: short, one, two or four length octets. */
    private byte[] tlv(int tag, byte[] content) {
      int n = content.length;
      int form = random.nextInt(4);
      if (form == 3 || n >= 0x10000 || (form == 0 && n >= 0x80) || (form == 1 && n >= 0x100)) {
        return wrap(tag, content); // four length octets
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(n + 3);
      out.write(tag);
      if (form == 1) {
        out.write(0x81);
      } else if (form == 2) {
        out.write(0x82);
        out.write(n >>> 8);
      }
      out.write(n);
      out.writeBytes(content);
      return out.toByteArray();
    }
  }
}
