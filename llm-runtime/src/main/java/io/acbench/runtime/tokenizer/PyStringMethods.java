package io.acbench.runtime.tokenizer;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Python {@code str} methods that chat templates call ({@code content.strip()}, {@code
 * role.startswith('tool')}, {@code text.split('\n')} ...), which jinjava would otherwise resolve
 * against {@link String}'s Java methods or reject. Placed before jinjava's own resolver; every
 * other call falls through to it.
 */
final class PyStringMethods extends ELResolver {

  @Override
  public Object invoke(
      ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    if (!(base instanceof String s) || method == null) {
      return null;
    }
    Object[] args = params == null ? new Object[0] : params;
    Object result = call(s, method.toString(), args);
    if (result != NOT_HANDLED) {
      context.setPropertyResolved(true);
      return result;
    }
    return null;
  }

  private static final Object NOT_HANDLED = new Object();

  private static Object call(String s, String method, Object[] args) {
    return switch (method) {
      case "strip" -> rstrip(lstrip(s, chars(args)), chars(args));
      case "lstrip" -> lstrip(s, chars(args));
      case "rstrip" -> rstrip(s, chars(args));
      case "startswith" -> affixes(args).stream().anyMatch(s::startsWith);
      case "endswith" -> affixes(args).stream().anyMatch(s::endsWith);
      case "upper" -> s.toUpperCase(Locale.ROOT);
      case "lower" -> s.toLowerCase(Locale.ROOT);
      case "title" -> title(s);
      case "capitalize" ->
          s.isEmpty()
              ? s
              : s.substring(0, 1).toUpperCase(Locale.ROOT)
                  + s.substring(1).toLowerCase(Locale.ROOT);
      case "replace" -> replace(s, str(args, 0), str(args, 1), args.length > 2 ? num(args[2]) : -1);
      case "split" ->
          split(
              s,
              args.length > 0 && args[0] != null ? str(args, 0) : null,
              args.length > 1 ? num(args[1]) : -1);
      case "splitlines" -> splitLines(s);
      case "join" -> join(s, args);
      case "find" -> s.indexOf(str(args, 0));
      case "count" -> count(s, str(args, 0));
      case "isdigit" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
      default -> NOT_HANDLED;
    };
  }

  private static String chars(Object[] args) {
    return args.length > 0 && args[0] != null ? args[0].toString() : null;
  }

  private static boolean stripped(int c, String chars) {
    return chars == null
        ? Character.isWhitespace(c) || Character.isSpaceChar(c)
        : chars.indexOf(c) >= 0;
  }

  static String lstrip(String s, String chars) {
    int i = 0;
    while (i < s.length() && stripped(s.charAt(i), chars)) {
      i++;
    }
    return s.substring(i);
  }

  static String rstrip(String s, String chars) {
    int end = s.length();
    while (end > 0 && stripped(s.charAt(end - 1), chars)) {
      end--;
    }
    return s.substring(0, end);
  }

  private static List<String> affixes(Object[] args) {
    if (args.length > 0 && args[0] instanceof Collection<?> c) {
      return c.stream().map(String::valueOf).toList();
    }
    return List.of(str(args, 0));
  }

  /** Python title(): upper-case a letter that follows a non-letter, lower-case the rest. */
  static String title(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean previousCased = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(previousCased ? Character.toLowerCase(c) : Character.toTitleCase(c));
      previousCased = Character.isLetter(c);
    }
    return out.toString();
  }

  private static String replace(String s, String old, String replacement, int count) {
    if (count < 0) {
      return s.replace(old, replacement);
    }
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (int done = 0; done < count; done++) {
      int at = s.indexOf(old, from);
      if (at < 0 || (old.isEmpty() && at >= s.length())) {
        break;
      }
      out.append(s, from, at).append(replacement);
      from = at + old.length();
      if (old.isEmpty()) {
        out.append(s.charAt(from));
        from++;
      }
    }
    return out.append(s.substring(from)).toString();
  }

  /** Python split: on whitespace runs without {@code sep}, else on each {@code sep}. */
  static List<String> split(String s, String sep, int maxSplit) {
    List<String> parts = new ArrayList<>();
    if (sep == null) {
      String rest = lstrip(s, null);
      while (!rest.isEmpty()) {
        if (maxSplit >= 0 && parts.size() == maxSplit) {
          parts.add(rest);
          break;
        }
        int end = 0;
        while (end < rest.length() && !stripped(rest.charAt(end), null)) {
          end++;
        }
        parts.add(rest.substring(0, end));
        rest = lstrip(rest.substring(end), null);
      }
      return parts;
    }
    if (sep.isEmpty()) {
      throw new IllegalArgumentException("split(): empty separator");
    }
    int from = 0;
    int at;
    while ((maxSplit < 0 || parts.size() < maxSplit) && (at = s.indexOf(sep, from)) >= 0) {
      parts.add(s.substring(from, at));
      from = at + sep.length();
    }
    parts.add(s.substring(from));
    return parts;
  }

  /** Python splitlines(): a final line break does not open an empty last line. */
  static List<String> splitLines(String s) {
    List<String> lines = new ArrayList<>(List.of(s.split("\r\n|\r|\n", -1)));
    if (lines.getLast().isEmpty()) {
      lines.removeLast();
    }
    return lines;
  }

  private static String join(String sep, Object[] args) {
    if (args.length == 0 || !(args[0] instanceof Iterable<?> items)) {
      throw new IllegalArgumentException("join() takes one list argument");
    }
    List<String> parts = new ArrayList<>();
    items.forEach(i -> parts.add(String.valueOf(i)));
    return String.join(sep, parts);
  }

  private static int count(String s, String sub) {
    if (sub.isEmpty()) {
      return s.length() + 1;
    }
    int n = 0;
    for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
      n++;
    }
    return n;
  }

  private static String str(Object[] args, int i) {
    if (args.length <= i || args[i] == null) {
      throw new IllegalArgumentException("missing string argument " + (i + 1));
    }
    return args[i].toString();
  }

  private static int num(Object arg) {
    return ((Number) arg).intValue();
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {}

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return true;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return null;
  }
}
