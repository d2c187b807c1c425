package io.acbench.taskrunner.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The built-in probe set {@value #BUILTIN_V1} (benchmark-spec §4.2/§4.3 shapes on the project's own
 * text): a corpus of varied English prose written for the project, tokenised once with the model's
 * tokenizer (special tokens added, as the reference does), cut into non-overlapping windows of
 * {@code windowTokens} tokens with the remainder dropped, of which the first {@code windows} are
 * probed.
 */
public final class ProbeSet {

  /** The only probe set so far. */
  public static final String BUILTIN_V1 = "builtin-v1";

  private static final String CORPUS = "/probe/builtin-v1.txt";

  private ProbeSet() {}

  /** The corpus text of {@code probeSetId}; throws for an unknown probe set. */
  public static String corpus(String probeSetId) {
    if (!BUILTIN_V1.equals(probeSetId)) {
      throw new ProbeException(
          "unknown probe set '" + probeSetId + "' (known: " + BUILTIN_V1 + ")");
    }
    try (InputStream in = ProbeSet.class.getResourceAsStream(CORPUS)) {
      if (in == null) {
        throw new IllegalStateException("probe corpus " + CORPUS + " is not packaged");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Non-overlapping windows of {@code windowTokens} tokens from the start of {@code tokens}, the
   * remainder dropped, at most {@code windows} of them.
   */
  public static List<int[]> windows(int[] tokens, int windowTokens, int windows) {
    if (windowTokens < 1 || windows < 1) {
      throw new IllegalArgumentException(
          "window-tokens (" + windowTokens + ") and windows (" + windows + ") must both be >= 1");
    }
    List<int[]> out = new ArrayList<>();
    for (int start = 0;
        start + windowTokens <= tokens.length && out.size() < windows;
        start += windowTokens) {
      out.add(Arrays.copyOfRange(tokens, start, start + windowTokens));
    }
    if (out.isEmpty()) {
      throw new ProbeException(
          "the probe corpus has "
              + tokens.length
              + " tokens, fewer than one window of "
              + windowTokens);
    }
    return out;
  }
}
