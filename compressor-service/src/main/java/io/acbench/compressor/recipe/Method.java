package io.acbench.compressor.recipe;

import java.util.Arrays;
import java.util.Locale;

/** A compression method, as named in requests and on the command line. */
public enum Method {
  NONE(false, false),
  GPTQ(true, true),
  AWQ(true, true),
  RTN(true, false),
  WANDA(false, true),
  SPARSEGPT(false, true),
  MAGNITUDE(false, false);

  private final boolean quantizes;
  private final boolean calibrated;

  Method(boolean quantizes, boolean calibrated) {
    this.quantizes = quantizes;
    this.calibrated = calibrated;
  }

  /** True for the int4 methods, false for pruning and the base model. */
  public boolean quantizes() {
    return quantizes;
  }

  /** True when the algorithm itself reads calibration activations. */
  public boolean calibrated() {
    return calibrated;
  }

  /** The lower-case name ({@code gptq}, {@code none}, ...). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the supported methods
   */
  public static Method parse(String name) {
    for (Method m : values()) {
      if (m.id().equals(name == null ? "" : name.trim().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "method '"
            + name
            + "' is not supported: expected one of "
            + Arrays.stream(values()).map(Method::id).toList());
  }
}
