package io.acbench.inference.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Typed configuration of the inference-server ({@code acbench.inference.*}). */
@ConfigMapping(prefix = "acbench.inference")
public interface InferenceServerConfig {

  /** Triton-layout model repository ({@code <repo>/<model>/config.pbtxt}). */
  @WithDefault("data/model-repository")
  Path modelRepository();

  /**
   * Models loaded at start-up (Triton's {@code --load-model}); {@code *} alone loads every model of
   * the repository. Empty loads nothing (explicit model control).
   */
  Optional<List<String>> loadModels();

  /** Requests that may wait for a decode-batch slot per generation model before UNAVAILABLE. */
  @WithDefault("64")
  int queueSize();

  /** Most sequences in one generation model's running decode batch (vLLM's max_num_seqs). */
  @WithDefault("8")
  int maxBatchSize();

  /** Most positions (prompt plus generated) of one sequence (vLLM's max_model_len). */
  @WithDefault("4096")
  int maxSequenceLength();

  /** Threads that run probe (ModelInfer) requests and model loads. */
  @WithDefault("2")
  int threads();

  /** Version string reported by ServerMetadata. */
  @WithDefault("2.60.0-acbench")
  String serverVersion();
}
