package io.acbench.runtime.config;

import java.util.Locale;

/** The decoder-only families the runtime runs, with their Hugging Face names. */
public enum ModelFamily {
  LLAMA("LlamaForCausalLM", "llama"),
  QWEN2("Qwen2ForCausalLM", "qwen2"),
  MISTRAL("MistralForCausalLM", "mistral");

  private final String architecture;
  private final String modelType;

  ModelFamily(String architecture, String modelType) {
    this.architecture = architecture;
    this.modelType = modelType;
  }

  /** The {@code architectures} entry, e.g. {@code Qwen2ForCausalLM}. */
  public String architecture() {
    return architecture;
  }

  /** The {@code model_type}, e.g. {@code qwen2}. */
  public String modelType() {
    return modelType;
  }

  /** The family of an {@code architectures} entry. */
  public static ModelFamily ofArchitecture(String architecture) {
    for (ModelFamily f : values()) {
      if (f.architecture.equals(architecture)) {
        return f;
      }
    }
    throw new UnsupportedModelException(
        "architecture '"
            + architecture
            + "' is not supported (supported: LlamaForCausalLM, Qwen2ForCausalLM,"
            + " MistralForCausalLM)");
  }

  /** The family of a {@code model_type} string ({@code llama}, {@code qwen2}, {@code mistral}). */
  public static ModelFamily ofModelType(String modelType) {
    for (ModelFamily f : values()) {
      if (f.modelType.equals(modelType.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new UnsupportedModelException(
        "model_type '" + modelType + "' is not supported (supported: llama, qwen2, mistral)");
  }
}
