package io.acbench.metrics.scorers.teval;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the Python literals {@code ast.literal_eval} accepts in T-Eval outputs: dicts,
 * lists, tuples (read as lists), strings in single or double quotes (adjacent ones concatenated),
 * ints, floats, True/False/None, unary minus. Values map to {@code LinkedHashMap}, {@code List},
 * {@code String}, {@code Long}/{@code BigInteger}, {@code Double}, {@code Boolean} and null.
 */
public final class PyLiteral {

  private final String s;
  private int pos;

  private PyLiteral(String s) {
    this.s = s;
  }

  /**
   * Parses a whole text as one literal (surrounding whitespace allowed).
   *
   * @throws IllegalArgumentException when the text is not exactly one literal
   */
  public static Object parse(String text) {
    PyLiteral p = new PyLiteral(text);
    p.skipWs();
    Object v = p.value();
    p.skipWs();
    if (p.pos != text.length()) {
      throw p.error("trailing text");
    }
    return v;
  }

  private Object value() {
    skipWs();
    if (pos >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(pos);
    return switch (c) {
      case '{' -> dict();
      case '[' -> sequence('[', ']');
      case '(' -> sequence('(', ')');
      case '\'', '"' -> strings();
      default -> c == '-' || c == '+' || c == '.' || Character.isDigit(c) ? number() : name();
    };
  }

  private Map<Object, Object> dict() {
    Map<Object, Object> m = new LinkedHashMap<>();
    pos++;
    skipWs();
    while (peek() != '}') {
      Object k = value();
      skipWs();
      expect(':');
      Object v = value();
      m.put(k, v);
      skipWs();
      if (peek() == ',') {
        pos++;
        skipWs();
      } else if (peek() != '}') {
        throw error("expected ',' or '}'");
      }
    }
    pos++;
    return m;
  }

  private Object sequence(char open, char close) {
    List<Object> out = new ArrayList<>();
    pos++;
    skipWs();
    boolean comma = false;
    while (peek() != close) {
      out.add(value());
      skipWs();
      comma = false;
      if (peek() == ',') {
        pos++;
        comma = true;
        skipWs();
      } else if (peek() != close) {
        throw error("expected ',' or '" + close + "'");
      }
    }
    pos++;
    if (open == '(' && out.size() == 1 && !comma) {
      return out.getFirst(); // (x) is x itself, not a tuple
    }
    return out;
  }

  private String strings() {
    StringBuilder sb = new StringBuilder();
    while (pos < s.length() && (peek() == '\'' || peek() == '"')) {
      sb.append(string());
      skipWs();
    }
    return sb.toString();
  }

  private String string() {
    char q = s.charAt(pos);
    boolean triple = s.startsWith(String.valueOf(q).repeat(3), pos);
    pos += triple ? 3 : 1;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(pos);
      if (triple ? s.startsWith(String.valueOf(q).repeat(3), pos) : c == q) {
        pos += triple ? 3 : 1;
        return sb.toString();
      }
      if (c == '\n' && !triple) {
        throw error("newline in string");
      }
      if (c == '\\') {
        escape(sb);
      } else {
        sb.append(c);
        pos++;
      }
    }
  }

  private void escape(StringBuilder sb) {
    if (pos + 1 >= s.length()) {
      throw error("dangling backslash");
    }
    char e = s.charAt(pos + 1);
    pos += 2;
    switch (e) {
      case 'n' -> sb.append('\n');
      case 't' -> sb.append('\t');
      case 'r' -> sb.append('\r');
      case 'b' -> sb.append('\b');
      case 'f' -> sb.append('\f');
      case '0' -> sb.append('\0');
      case '\\', '\'', '"' -> sb.append(e);
      case '\n' -> {}
      case 'x' -> sb.appendCodePoint(hex(2));
      case 'u' -> sb.appendCodePoint(hex(4));
      case 'U' -> sb.appendCodePoint(hex(8));
      default -> sb.append('\\').append(e);
    }
  }

  private int hex(int digits) {
    if (pos + digits > s.length()) {
      throw error("truncated escape");
    }
    try {
      int cp = Integer.parseInt(s.substring(pos, pos + digits), 16);
      pos += digits;
      return cp;
    } catch (NumberFormatException e) {
      throw error("bad escape");
    }
  }

  private Object number() {
    int start = pos;
    if (peek() == '-' || peek() == '+') {
      pos++;
      skipWs();
      if (pos < s.length() && !Character.isDigit(peek()) && peek() != '.') {
        return negate(s.charAt(start), value());
      }
    }
    int digitsStart = pos;
    while (pos < s.length() && "0123456789._eE+-".indexOf(peek()) >= 0) {
      char c = peek();
      if ((c == '+' || c == '-') && !(s.charAt(pos - 1) == 'e' || s.charAt(pos - 1) == 'E')) {
        break;
      }
      pos++;
    }
    String digits = s.substring(digitsStart, pos).replace("_", "");
    boolean negative = s.charAt(start) == '-';
    try {
      if (digits.matches("\\d+")) {
        if (digits.length() > 1 && digits.startsWith("0") && !digits.matches("0+")) {
          throw error("leading zeros");
        }
        BigInteger v = new BigInteger(digits);
        v = negative ? v.negate() : v;
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
      }
      double d = Double.parseDouble(digits);
      return negative ? -d : d;
    } catch (NumberFormatException e) {
      throw error("bad number");
    }
  }

  private Object negate(char sign, Object v) {
    if (v instanceof Long l) {
      return sign == '-' ? -l : l;
    }
    if (v instanceof Double d) {
      return sign == '-' ? -d : d;
    }
    throw error("sign before a non-number");
  }

  private Object name() {
    int start = pos;
    while (pos < s.length() && Character.isLetterOrDigit(peek())) {
      pos++;
    }
    return switch (s.substring(start, pos)) {
      case "True" -> Boolean.TRUE;
      case "False" -> Boolean.FALSE;
      case "None" -> null;
      default -> throw error("not a literal");
    };
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private char peek() {
    if (pos >= s.length()) {
      throw error("unexpected end");
    }
    return s.charAt(pos);
  }

  private void skipWs() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("Python literal: " + what + " at offset " + pos);
  }
}
