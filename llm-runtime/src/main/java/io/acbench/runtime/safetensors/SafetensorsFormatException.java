package io.acbench.runtime.safetensors;

import java.nio.file.Path;

/**
 * A safetensors file or sharded checkpoint breaks a rule of the format. The message names the file,
 * the tensor when one is involved, and the rule.
 */
public class SafetensorsFormatException extends RuntimeException {

  /** A violation that concerns the file as a whole. */
  public SafetensorsFormatException(Path file, String rule) {
    super(file + ": " + rule);
  }

  /** A violation that concerns one tensor of the file. */
  public SafetensorsFormatException(Path file, String tensor, String rule) {
    super(file + ": tensor '" + tensor + "': " + rule);
  }

  /** A violation found while decoding the header JSON. */
  public SafetensorsFormatException(Path file, String rule, Throwable cause) {
    super(file + ": " + rule, cause);
  }
}
