package io.github.smimekit.exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * A small PowerShell tokenizer written from the PowerShell language specification 3.0, §2.3
 * (lexical grammar), independent of the renderer. What it knows:
 *
 * <ul>
 *   <li>§2.2.3 comments: {@code #} to the end of the line, and delimited {@code <# ... #>};
 *   <li>§2.3.5.2 single-quote-character: U+0027, U+2018, U+2019, U+201A, U+201B; a
 *       verbatim-string-literal is a single-quote-character, then parts, then a
 *       single-quote-character, where a part is any character except a single-quote-character, or
 *       two single-quote-characters (which stand for the second one);
 *   <li>§2.3.5.2 double-quote-character: U+0022, U+201C, U+201D, U+201E; an
 *       expandable-string-literal ends at a double-quote-character that is neither escaped by a
 *       backtick nor doubled;
 *   <li>new lines, white space, and everything else as word or punctuation tokens.
 * </ul>
 *
 * It is enough to show where every string literal of a rendered script begins and ends, which is
 * what the tree-sitter grammar cannot show for the Unicode quotes (it treats only U+0027 as one).
 */
final class PsSpecTokenizer {
  enum Kind {
    COMMENT,
    VERBATIM,
    EXPANDABLE,
    NEWLINE,
    WORD,
    PUNCT
  }

  /** A token; {@code value} is the decoded content for strings, the text otherwise. */
  record Token(Kind kind, String text, String value) {}

  private PsSpecTokenizer() {}

  static boolean singleQuote(char c) {
    return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
  }

  static boolean doubleQuote(char c) {
    return c == '"' || c == '\u201C' || c == '\u201D' || c == '\u201E';
  }

  static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(new Token(Kind.NEWLINE, "\n", "\n"));
        i++;
      } else if (c == ' ' || c == '\t') {
        i++;
      } else if (c == '<' && i + 1 < n && s.charAt(i + 1) == '#') {
        int end = s.indexOf("#>", i + 2);
        if (end < 0) {
          throw new IllegalStateException("unterminated <# comment at " + i);
        }
        out.add(new Token(Kind.COMMENT, s.substring(i, end + 2), ""));
        i = end + 2;
      } else if (c == '#') {
        int end = i;
        while (end < n && s.charAt(end) != '\n' && s.charAt(end) != '\r') {
          end++;
        }
        out.add(new Token(Kind.COMMENT, s.substring(i, end), ""));
        i = end;
      } else if (singleQuote(c)) {
        StringBuilder v = new StringBuilder();
        int j = i + 1;
        while (true) {
          if (j >= n) {
            throw new IllegalStateException("unterminated verbatim string at " + i);
          }
          char d = s.charAt(j);
          if (singleQuote(d)) {
            if (j + 1 < n && singleQuote(s.charAt(j + 1))) {
              v.append(s.charAt(j + 1));
              j += 2;
              continue;
            }
            break;
          }
          v.append(d);
          j++;
        }
        out.add(new Token(Kind.VERBATIM, s.substring(i, j + 1), v.toString()));
        i = j + 1;
      } else if (doubleQuote(c)) {
        StringBuilder v = new StringBuilder();
        int j = i + 1;
        while (true) {
          if (j >= n) {
            throw new IllegalStateException("unterminated expandable string at " + i);
          }
          char d = s.charAt(j);
          if (d == '`' && j + 1 < n) {
            v.append(s.charAt(j + 1));
            j += 2;
            continue;
          }
          if (doubleQuote(d)) {
            if (j + 1 < n && doubleQuote(s.charAt(j + 1))) {
              v.append(s.charAt(j + 1));
              j += 2;
              continue;
            }
            break;
          }
          v.append(d);
          j++;
        }
        out.add(new Token(Kind.EXPANDABLE, s.substring(i, j + 1), v.toString()));
        i = j + 1;
      } else if (Character.isLetterOrDigit(c)
          || c == '-'
          || c == '$'
          || c == '_'
          || c == ':'
          || c == '.'
          || c == '['
          || c == ']') {
        int j = i;
        while (j < n) {
          char d = s.charAt(j);
          if (Character.isLetterOrDigit(d)
              || d == '-'
              || d == '$'
              || d == '_'
              || d == ':'
              || d == '.'
              || d == '['
              || d == ']') {
            j++;
          } else {
            break;
          }
        }
        out.add(new Token(Kind.WORD, s.substring(i, j), s.substring(i, j)));
        i = j;
      } else {
        out.add(new Token(Kind.PUNCT, String.valueOf(c), String.valueOf(c)));
        i++;
      }
    }
    return out;
  }
}
