package io.acbench.runtime.tokenizer;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Collection;
import java.util.Map;

/**
 * Prints a value as Python's {@code str()} would inside Jinja: {@code True}/{@code False}, float
 * repr, and {@code repr()} of list and dict items ({@code ['a', None]}). Null prints as the empty
 * string, because jinjava cannot tell {@code none} from an undefined variable and Jinja prints
 * undefined as empty. {@link TemplateSource} applies it to every expression tag.
 */
final class PyStrFilter implements Filter {

  @Override
  public String getName() {
    return TemplateSource.PY_STR_FILTER;
  }

  @Override
  public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
    if (var == null) {
      return "";
    }
    if (var instanceof CharSequence s) {
      return s.toString();
    }
    return repr(var);
  }

  static String repr(Object value) {
    return switch (value) {
      case null -> "None";
      case Boolean b -> b ? "True" : "False";
      case Double d -> PyJson.floatRepr(d);
      case Float f -> PyJson.floatRepr(f.doubleValue());
      case CharSequence s -> stringRepr(s.toString());
      case Map<?, ?> m -> {
        StringBuilder out = new StringBuilder("{");
        m.forEach(
            (k, v) -> {
              if (out.length() > 1) {
                out.append(", ");
              }
              out.append(repr(k)).append(": ").append(repr(v));
            });
        yield out.append('}').toString();
      }
      case Collection<?> c -> {
        StringBuilder out = new StringBuilder("[");
        for (Object item : c) {
          if (out.length() > 1) {
            out.append(", ");
          }
          out.append(repr(item));
        }
        yield out.append(']').toString();
      }
      default -> value.toString();
    };
  }

  /** Python's repr of a str: single quotes unless the text has ' and no ". */
  static String stringRepr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder().append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c == quote) {
            out.append('\\').append(c);
          } else if (c < 0x20 || c == 0x7F) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append(quote).toString();
  }
}
