package io.acbench.runtime.tokenizer;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * JSON text as Python's {@code json.dumps} writes it, which is what the {@code tojson} filter of
 * Hugging Face chat templates calls: separators {@code ", "} and {@code ": "} (or {@code ","} and
 * {@code ": "} when indenting), no escaping of non-ASCII characters unless asked, Python's float
 * repr, and key order as given unless {@code sortKeys}.
 */
final class PyJson {

  private PyJson() {}

  /**
   * Serializes {@code value}.
   *
   * @param indent spaces per level, or null for a single line
   * @param ensureAscii escape every non-ASCII UTF-16 unit as {@code \\uXXXX}
   * @param sortKeys order object keys by their string form
   */
  static String dumps(Object value, Integer indent, boolean ensureAscii, boolean sortKeys) {
    StringBuilder out = new StringBuilder();
    new Writer(out, indent, ensureAscii, sortKeys).write(value, 0);
    return out.toString();
  }

  private record Writer(StringBuilder out, Integer indent, boolean ensureAscii, boolean sortKeys) {

    void write(Object value, int depth) {
      switch (value) {
        case null -> out.append("null");
        case Boolean b -> out.append(b ? "true" : "false");
        case Double d -> out.append(floatRepr(d));
        case Float f -> out.append(floatRepr(f.doubleValue()));
        case BigDecimal d -> out.append(floatRepr(d.doubleValue()));
        case Number n -> out.append(n instanceof BigInteger ? n.toString() : n.longValue());
        case CharSequence s -> string(s.toString());
        case Map<?, ?> m -> object(m, depth);
        case Collection<?> c -> array(new ArrayList<>(c), depth);
        case Object a when a.getClass().isArray() -> array(arrayItems(a), depth);
        default -> string(value.toString());
      }
    }

    private void object(Map<?, ?> map, int depth) {
      List<Map.Entry<String, Object>> entries = new ArrayList<>();
      map.forEach((k, v) -> entries.add(Map.entry(key(k), v == null ? NULL : v)));
      if (sortKeys) {
        entries.sort(Map.Entry.comparingByKey());
      }
      if (entries.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append('{');
      for (int i = 0; i < entries.size(); i++) {
        separator(i, depth + 1);
        string(entries.get(i).getKey());
        out.append(": ");
        Object v = entries.get(i).getValue();
        write(v == NULL ? null : v, depth + 1);
      }
      newline(depth);
      out.append('}');
    }

    private void array(List<?> items, int depth) {
      if (items.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append('[');
      for (int i = 0; i < items.size(); i++) {
        separator(i, depth + 1);
        write(items.get(i), depth + 1);
      }
      newline(depth);
      out.append(']');
    }

    private void separator(int index, int depth) {
      if (index > 0) {
        out.append(indent == null ? ", " : ",");
      }
      newline(depth);
    }

    private void newline(int depth) {
      if (indent != null) {
        out.append('\n').append(" ".repeat(indent * depth));
      }
    }

    private void string(String s) {
      out.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          default -> {
            if (c < 0x20 || (ensureAscii && c > 0x7E)) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }
  }

  /** Placeholder that lets a null map value survive {@code Map.entry}. */
  private static final Object NULL = new Object();

  private static String key(Object k) {
    return switch (k) {
      case null -> "null";
      case Boolean b -> b ? "true" : "false";
      case Double d -> floatRepr(d);
      case Float f -> floatRepr(f.doubleValue());
      default -> k.toString();
    };
  }

  private static List<Object> arrayItems(Object array) {
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < Array.getLength(array); i++) {
      items.add(Array.get(array, i));
    }
    return items;
  }

  /**
   * Python's {@code repr(float)}: the shortest digits that round-trip (Java's {@link
   * Double#toString} gives the same digits), positional when the decimal exponent is in [-4, 16),
   * otherwise {@code d.ddde+XX}.
   */
  static String floatRepr(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    String digits = exact.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - exact.scale(); // d = digits[0].digits[1..] * 10^exponent
    String sign = d < 0 ? "-" : "";
    if (exponent >= -4 && exponent < 16) {
      String plain = exact.abs().toPlainString();
      return sign + (plain.contains(".") ? plain : plain + ".0");
    }
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return sign
        + mantissa
        + "e"
        + (exponent < 0 ? "-" : "+")
        + String.format("%02d", Math.abs(exponent));
  }
}
