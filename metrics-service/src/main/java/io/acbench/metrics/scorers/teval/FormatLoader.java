package io.acbench.metrics.scorers.teval;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Optional;

/**
 * T-Eval output post-processing ({@code split_special_tokens}) and the lenient JSON loader ({@code
 * format_load}) of benchmark-spec §3.2.
 */
public final class FormatLoader {

  /** Cut points of {@code split_special_tokens}, any of which ends the answer. */
  static final List<String> SPECIAL_TOKENS =
      List.of(
          "<eoa>", "<TOKENS_UNUSED_1>", "<|im_end|>", "\nuser", "\nassistant", "\nUSER", "[INST]");

  private static final String FENCE = "```json";

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private FormatLoader() {}

  /**
   * {@code split_special_tokens}: cut at the first special token, strip whitespace, drop a leading
   * "```json" and strip backticks and whitespace.
   */
  public static String postProcess(String raw) {
    String text = raw == null ? "" : raw;
    int cut = text.length();
    for (String tok : SPECIAL_TOKENS) {
      int at = text.indexOf(tok);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    text = text.substring(0, cut).strip();
    if (text.startsWith(FENCE)) {
      text = text.substring(FENCE.length());
    }
    return stripChars(text, "`").strip();
  }

  /**
   * {@code format_load(raw, start, end)}: the parsed value, or empty on parse failure.
   *
   * <ol>
   *   <li>After a "```json" fence, keep the text after it, backticks stripped from both ends.
   *   <li>{@code start}: slice from its first occurrence (Python {@code find}: when absent, −1
   *       keeps only the last character); {@code end}: slice to its last occurrence inclusive (when
   *       absent, to index len(end) − 1).
   *   <li>Try a Python literal, then JSON, then JSON with every ' replaced by ".
   * </ol>
   *
   * @param start start character, or null
   * @param end end character, or null
   */
  public static Optional<Object> load(String raw, String start, String end) {
    String text = raw == null ? "" : raw;
    int fence = text.indexOf(FENCE);
    if (fence >= 0) {
      text = stripChars(text.substring(fence + FENCE.length()), "`");
    }
    if (start != null && !start.isEmpty()) {
      text = pySliceFrom(text, text.indexOf(start));
    }
    if (end != null && !end.isEmpty()) {
      text = pySliceTo(text, text.lastIndexOf(end) + end.length());
    }
    try {
      return Optional.ofNullable(PyLiteral.parse(literalEvalInput(text))).or(() -> NONE);
    } catch (IllegalArgumentException notLiteral) {
      Optional<Object> json = json(text);
      return json.isPresent() ? json : json(text.replace('\'', '"'));
    }
  }

  /** A successful parse of {@code None}/{@code null}: present but holding no map or list. */
  private static final Optional<Object> NONE = Optional.of(NullValue.INSTANCE);

  /** Marker for a literal None (Optional cannot hold null). */
  public enum NullValue {
    INSTANCE
  }

  /** {@code ast.literal_eval} strips leading spaces and tabs only. */
  private static String literalEvalInput(String text) {
    int i = 0;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return text.substring(i);
  }

  private static Optional<Object> json(String text) {
    try {
      Object v = JSON.readValue(text, Object.class);
      return v == null ? NONE : Optional.of(v);
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** Python {@code s[i:]} with a possibly negative i. */
  static String pySliceFrom(String s, int i) {
    int from = i < 0 ? Math.max(0, s.length() + i) : Math.min(i, s.length());
    return s.substring(from);
  }

  /** Python {@code s[:i]} with a possibly negative i. */
  static String pySliceTo(String s, int i) {
    int to = i < 0 ? Math.max(0, s.length() + i) : Math.min(i, s.length());
    return s.substring(0, to);
  }

  /** Python {@code s.strip(chars)}. */
  static String stripChars(String s, String chars) {
    int a = 0;
    int b = s.length();
    while (a < b && chars.indexOf(s.charAt(a)) >= 0) {
      a++;
    }
    while (b > a && chars.indexOf(s.charAt(b - 1)) >= 0) {
      b--;
    }
    return s.substring(a, b);
  }
}
