package io.acbench.compressor.calibration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The project's own calibration corpus (prose, code, dialogue and tool calls, written for ACBench),
 * shipped in the jar. Used when a request names no calibration data.
 */
public final class DefaultCorpus {

  static final String RESOURCE = "/calibration/default-corpus.txt";

  private DefaultCorpus() {}

  public static CalibrationSource load() {
    try (InputStream in = DefaultCorpus.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the default corpus " + RESOURCE + " is missing");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new CalibrationFiles.Fixed(CalibrationFiles.text(text), "default corpus");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the default corpus", e);
    }
  }
}
