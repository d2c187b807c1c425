package io.acbench.runtime.tokenizer;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * The global functions Hugging Face adds to the chat-template environment. jinjava calls them as
 * static methods and swallows their exceptions into a generic error, so {@code raise_exception}
 * also leaves its message in a thread-local that {@link ChatTemplate} reads after rendering.
 */
final class TemplateFunctions {

  private static final ThreadLocal<String> RAISED = new ThreadLocal<>();

  private TemplateFunctions() {}

  /** {@code raise_exception(message)}: aborts rendering with the template's message. */
  public static Object raiseException(Object message) {
    String text = String.valueOf(message);
    if (RAISED.get() == null) {
      RAISED.set(text);
    }
    throw new ChatTemplateException(text);
  }

  /** Returns and clears the message of the last {@code raise_exception} on this thread. */
  static String takeRaised() {
    String message = RAISED.get();
    RAISED.remove();
    return message;
  }

  /** {@code strftime_now(format)}: the current local time in Python strftime notation. */
  public static String strftimeNow(String format) {
    return strftime(ZonedDateTime.now(), format);
  }

  /** Python strftime for the directives chat templates use. */
  static String strftime(ZonedDateTime t, String format) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        out.append(c);
        continue;
      }
      char d = format.charAt(++i);
      boolean noPad = d == '-' && i + 1 < format.length();
      if (noPad) {
        d = format.charAt(++i);
      }
      out.append(directive(t, d, noPad));
    }
    return out.toString();
  }

  private static String directive(ZonedDateTime t, char d, boolean noPad) {
    String pad2 = noPad ? "%d" : "%02d";
    return switch (d) {
      case 'Y' -> Integer.toString(t.getYear());
      case 'y' -> String.format("%02d", t.getYear() % 100);
      case 'm' -> String.format(pad2, t.getMonthValue());
      case 'd' -> String.format(pad2, t.getDayOfMonth());
      case 'H' -> String.format(pad2, t.getHour());
      case 'I' -> String.format(pad2, (t.getHour() + 11) % 12 + 1);
      case 'M' -> String.format(pad2, t.getMinute());
      case 'S' -> String.format(pad2, t.getSecond());
      case 'p' -> t.getHour() < 12 ? "AM" : "PM";
      case 'j' -> String.format(noPad ? "%d" : "%03d", t.getDayOfYear());
      case 'b' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case '%' -> "%";
      default ->
          throw new ChatTemplateException(
              "strftime_now: unsupported directive %" + d + " in the format string");
    };
  }
}
