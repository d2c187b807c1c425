package io.acbench.metrics.scorers.teval;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code str()}, {@code repr()} and {@code ==} on the values {@link PyLiteral} and {@link
 * FormatLoader} produce, where T-Eval's scores depend on them (B8: string forms of args, typed
 * equality).
 */
public final class PyValues {

  private PyValues() {}

  /** {@code str(v)}: strings as they are, everything else as {@link #repr}. */
  public static String str(Object v) {
    return v instanceof String s ? s : repr(v);
  }

  /** {@code repr(v)}: {@code {'k': 'v', 'n': 3}}, {@code [1, 2.5]}, {@code True}, {@code None}. */
  public static String repr(Object v) {
    StringBuilder sb = new StringBuilder();
    repr(v, sb);
    return sb.toString();
  }

  private static void repr(Object v, StringBuilder sb) {
    switch (v) {
      case null -> sb.append("None");
      case String s -> quote(s, sb);
      case Boolean b -> sb.append(b ? "True" : "False");
      case Double d -> sb.append(floatRepr(d));
      case Float f -> sb.append(floatRepr(f.doubleValue()));
      case Number n -> sb.append(n.toString());
      case Map<?, ?> m -> {
        sb.append('{');
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext()) {
          Map.Entry<?, ?> e = it.next();
          repr(e.getKey(), sb);
          sb.append(": ");
          repr(e.getValue(), sb);
          if (it.hasNext()) {
            sb.append(", ");
          }
        }
        sb.append('}');
      }
      case List<?> l -> {
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          repr(l.get(i), sb);
        }
        sb.append(']');
      }
      default -> sb.append(v);
    }
  }

  /** Python string repr: single quotes unless the text has ' and no ". */
  private static void quote(String s, StringBuilder sb) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    sb.append(q);
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                  if (cp == q) {
                    sb.append('\\').append(q);
                  } else if (cp < 0x20 || cp == 0x7f) {
                    sb.append(String.format("\\x%02x", cp));
                  } else {
                    sb.appendCodePoint(cp);
                  }
                }
              }
            });
    sb.append(q);
  }

  /** Python float repr: shortest round-trip digits, exponent form outside 1e-4 ≤ |d| &lt; 1e16. */
  static String floatRepr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exp = bd.precision() - bd.scale() - 1; // decimal exponent of the leading digit
    String digits = bd.unscaledValue().abs().toString();
    String sign = d < 0 ? "-" : "";
    if (exp >= -4 && exp < 16) {
      String plain = bd.abs().toPlainString();
      return sign + (plain.contains(".") ? plain : plain + ".0");
    }
    String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return sign + mant + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
  }

  /** Python {@code a == b}: numbers by value (bool as 0/1), containers element-wise. */
  public static boolean pyEquals(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (isNumeric(a) && isNumeric(b)) {
      return numericValue(a).compareTo(numericValue(b)) == 0;
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!pyEquals(la.get(i), lb.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      if (ma.size() != mb.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : ma.entrySet()) {
        if (!mb.containsKey(e.getKey()) || !pyEquals(e.getValue(), mb.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static boolean isNumeric(Object v) {
    return v instanceof Number || v instanceof Boolean;
  }

  private static BigDecimal numericValue(Object v) {
    return switch (v) {
      case Boolean b -> b ? BigDecimal.ONE : BigDecimal.ZERO;
      case BigInteger bi -> new BigDecimal(bi);
      case Double d when d.isNaN() || d.isInfinite() -> BigDecimal.valueOf(Double.MAX_VALUE);
      case Double d -> new BigDecimal(d);
      case Number n -> BigDecimal.valueOf(n.longValue());
      default -> throw new IllegalArgumentException("not numeric: " + v);
    };
  }
}
