package io.acbench.runtime.tokenizer;

/**
 * Applies Jinja's {@code -} whitespace control on expression and comment tags ({@code {{- x -}}},
 * {@code {#- c -#}}) to the template source, because jinjava honours it only on statement tags. A
 * leading {@code -} removes the whitespace between the previous tag and this one; a trailing {@code
 * -} removes the whitespace up to the next tag. The tags are kept, without their dashes, so jinjava
 * still applies {@code trim_blocks} and {@code lstrip_blocks} to comments as Jinja does. Statement
 * tags and {@code {% raw %}} blocks pass through unchanged.
 */
final class WhitespaceControl {

  private WhitespaceControl() {}

  static String apply(String template) {
    String source = template.replace("\r\n", "\n").replace('\r', '\n');
    if (source.endsWith("\n")) {
      source = source.substring(0, source.length() - 1);
    }
    StringBuilder out = new StringBuilder(source.length());
    int textStart = 0; // where the text after the last tag begins in out
    boolean stripNext = false;
    int i = 0;
    while (i < source.length()) {
      char kind = tagKind(source, i);
      if (kind == 0) {
        char c = source.charAt(i++);
        if (!(stripNext && Character.isWhitespace(c))) {
          stripNext = false;
          out.append(c);
        }
        continue;
      }
      String close = kind == '{' ? "}}" : kind == '%' ? "%}" : "#}";
      int end = findClose(source, i + 2, close, kind != '#');
      if (end < 0) {
        out.append(source, i, source.length()); // unterminated: leave it to jinjava to report
        break;
      }
      String inner = source.substring(i + 2, end);
      if (kind == '%') {
        int tagEnd = isRaw(inner) ? rawEnd(source, end + 2) : end + 2;
        out.append(source, i, tagEnd);
        i = tagEnd;
        stripNext = false;
      } else {
        if (inner.startsWith("-")) {
          int keep = out.length();
          while (keep > textStart && Character.isWhitespace(out.charAt(keep - 1))) {
            keep--;
          }
          out.setLength(keep);
          inner = inner.substring(1);
        }
        stripNext = inner.endsWith("-");
        if (stripNext) {
          inner = inner.substring(0, inner.length() - 1);
        }
        out.append('{').append(kind).append(inner).append(close);
        i = end + 2;
      }
      textStart = out.length();
    }
    return out.toString();
  }

  private static char tagKind(String s, int i) {
    if (s.charAt(i) != '{' || i + 1 >= s.length()) {
      return 0;
    }
    char next = s.charAt(i + 1);
    return next == '{' || next == '%' || next == '#' ? next : 0;
  }

  /** Index of {@code close} after {@code from}, skipping quoted strings in code tags, or -1. */
  private static int findClose(String s, int from, String close, boolean code) {
    char quote = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (code && (c == '\'' || c == '"')) {
        quote = c;
      } else if (s.startsWith(close, i)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isRaw(String inner) {
    return inner.replace("-", " ").strip().equals("raw");
  }

  /** End of the {@code {% endraw %}} tag that closes a raw block, or the end of the source. */
  private static int rawEnd(String s, int from) {
    for (int at = s.indexOf("{%", from); at >= 0; at = s.indexOf("{%", at + 2)) {
      int end = s.indexOf("%}", at + 2);
      if (end < 0) {
        break;
      }
      if (s.substring(at + 2, end).replace("-", " ").strip().equals("endraw")) {
        return end + 2;
      }
    }
    return s.length();
  }
}
