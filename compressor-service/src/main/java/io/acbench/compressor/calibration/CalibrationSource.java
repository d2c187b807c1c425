package io.acbench.compressor.calibration;

import java.util.List;

/**
 * Where calibration text comes from: a user file, the task suite's prompts, or the project's
 * default corpus. Documents are joined with a blank line before tokenization (spec §1.1, the
 * wikitext2 loader).
 */
public interface CalibrationSource {

  /** The documents in order; never empty. */
  List<String> documents();

  /** A short human description recorded in the compression report (D13). */
  String description();
}
