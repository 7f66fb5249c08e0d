package io.github.smimekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class PasswordTest {

  @Test
  void of_callerWipesItsArray_passwordKeepsTheCharacters() {
    char[] source = "s3cret".toCharArray();
    Password password = Password.of(source);

    Arrays.fill(source, '\0');

    assertThat(password.toCharArray()).containsExactly('s', '3', 'c', 'r', 'e', 't');
    assertThat(password.length()).isEqualTo(6);
  }

  @Test
  void toCharArray_returnsAFreshCopyEachTime() {
    Password password = Password.of("abc".toCharArray());

    char[] first = password.toCharArray();
    Arrays.fill(first, 'x');
    char[] second = password.toCharArray();

    assertThat(second).containsExactly('a', 'b', 'c').isNotSameAs(first);
  }

  @Test
  void destroy_wipesTheHeldCharacters() throws ReflectiveOperationException {
    char[] source = "wipe-me".toCharArray();
    Password password = Password.of(source);
    char[] held = heldChars(password);
    assertThat(held).containsExactly(source);

    password.destroy();

    assertThat(held).containsOnly('\0');
    assertThat(password.isDestroyed()).isTrue();
  }

  @Test
  void destroy_thenUse_throwsIllegalState() {
    Password password = Password.of("pw".toCharArray());
    assertThat(password.isDestroyed()).isFalse();

    password.destroy();

    assertThatThrownBy(password::toCharArray)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("destroyed");
    assertThatThrownBy(password::length).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(password::isEmpty).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void destroy_twice_staysDestroyedWithoutError() {
    Password password = Password.of("pw".toCharArray());

    password.destroy();
    password.destroy();

    assertThat(password.isDestroyed()).isTrue();
  }

  @Test
  void toString_neverShowsTheCharacters() {
    Password password = Password.of("hunter2-Zq".toCharArray());

    String text = password.toString();

    assertThat(text).isEqualTo("Password[***]");
    assertThat(text).doesNotContain("hunter2").doesNotContain("Zq");
    assertThat(String.valueOf(password)).isEqualTo("Password[***]");
    password.destroy();
    assertThat(password.toString()).isEqualTo("Password[***]");
  }

  @Test
  void equals_isIdentityNotContent() {
    Password a = Password.of("same".toCharArray());
    Password b = Password.of("same".toCharArray());

    Object sameInstance = a;
    assertThat(a.equals(sameInstance)).isTrue();
    assertThat(a).isNotEqualTo(b);
    assertThat(a.hashCode()).isEqualTo(a.hashCode());
    Set<Password> set = new HashSet<>();
    set.add(a);
    set.add(b);
    assertThat(set).hasSize(2);
  }

  @Test
  void empty_hasNoCharacters() {
    Password empty = Password.empty();

    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.length()).isZero();
    assertThat(empty.toCharArray()).isEmpty();
    assertThat(empty.isDestroyed()).isFalse();
    assertThat(empty).isNotEqualTo(Password.empty());
    assertThat(Password.of(new char[0]).isEmpty()).isTrue();
    assertThat(Password.of("x".toCharArray()).isEmpty()).isFalse();
  }

  @Test
  void of_null_throwsNullPointer() {
    assertThatThrownBy(() -> Password.of((char[]) null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Password.fromUtf8(null)).isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // escaped input | expected escaped password
        "secret         | secret",
        "secret\\n      | secret",
        "secret\\r\\n   | secret",
        "secret\\n\\n   | secret\\n",
        "secret\\r\\n\\r\\n | secret\\r\\n",
        "secret\\r      | secret\\r",
        "secret\\n\\r   | secret\\n\\r",
        "\\n            | ''",
        "\\r\\n         | ''",
        "\\r            | \\r",
        "' lead trail ' | ' lead trail '",
        "a\\nb          | a\\nb",
        "''             | ''",
      })
  void fromUtf8_stripsExactlyOneTrailingLineBreak(String input, String expected) {
    byte[] utf8 = unescape(input).getBytes(StandardCharsets.UTF_8);

    Password password = Password.fromUtf8(utf8);

    assertThat(new String(password.toCharArray())).isEqualTo(unescape(expected));
  }

  @Test
  void fromUtf8_nonAscii_decodedAsUtf8() {
    byte[] utf8 = "pässwörd€\n".getBytes(StandardCharsets.UTF_8);

    Password password = Password.fromUtf8(utf8);

    assertThat(password.toCharArray()).containsExactly("pässwörd€".toCharArray());
    assertThat(password.length()).isEqualTo(9);
  }

  @Test
  void fromUtf8_supplementaryCharacter_keptAsSurrogatePair() {
    byte[] utf8 = "key\uD83D\uDD11\r\n".getBytes(StandardCharsets.UTF_8);

    Password password = Password.fromUtf8(utf8);

    assertThat(password.toCharArray()).containsExactly('k', 'e', 'y', '\uD83D', '\uDD11');
  }

  @Test
  void fromUtf8_doesNotModifyTheInputArray() {
    byte[] utf8 = "pw\r\n".getBytes(StandardCharsets.UTF_8);
    byte[] before = utf8.clone();

    Password.fromUtf8(utf8);

    assertThat(utf8).isEqualTo(before);
  }

  @Test
  void fromUtf8_latin1Bytes_throwsFormatExceptionWithoutTheBytes() {
    byte[] latin1 = "p\u00e4ss".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> Password.fromUtf8(latin1))
        .isInstanceOf(SmimeFormatException.class)
        .hasMessage("password is not valid UTF-8 text");
  }

  @Test
  void fromUtf8_leadingByteOrderMark_dropped() {
    byte[] utf8 = "\uFEFFpw\n".getBytes(StandardCharsets.UTF_8);

    assertThat(Password.fromUtf8(utf8).toCharArray()).containsExactly('p', 'w');
  }

  private static char[] heldChars(Password password) throws ReflectiveOperationException {
    Field field = Password.class.getDeclaredField("chars");
    field.setAccessible(true);
    return (char[]) field.get(password);
  }

  /** Turns the two-character escapes {@code \n} and {@code \r} into line-break characters. */
  private static String unescape(String s) {
    return s.replace("\\n", "\n").replace("\\r", "\r");
  }
}
