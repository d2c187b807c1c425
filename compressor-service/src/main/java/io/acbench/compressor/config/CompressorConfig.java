package io.acbench.compressor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Typed configuration of the compressor-service ({@code acbench.compressor.*}). */
@ConfigMapping(prefix = "acbench.compressor")
public interface CompressorConfig {

  /** Directory of the content-addressed artifact cache ({@code <dir>/variants/<id>}). */
  @WithDefault("data/artifacts")
  Path artifactDir();

  /**
   * Triton model repository the variants' entries are written to; default {@code
   * <dir>/model-repository}.
   */
  Optional<Path> modelRepository();

  /**
   * gRPC {@code host:port} of the inference backend for RepositoryModelLoad; without it variants
   * are only written to the model repository (for a Triton that polls it).
   */
  Optional<String> inferenceEndpoint();

  /** Deadline of one RepositoryModelLoad call (it returns when the load has finished). */
  @WithDefault("10m")
  Duration registerTimeout();

  /**
   * Official dataset files for calibration on task prompts ({@code calibration=tasks...}); set it
   * as the task runner's {@code dataset-dir} so the prompts are the ones it sends. Unset: the
   * built-in datasets.
   */
  Optional<Path> datasetDir();

  /** WorfBench rendering of task-prompt calibration, as the task runner's: parity or corrected. */
  @WithDefault("parity")
  String worfbenchMode();

  /** lagent meta template of T-Eval task-prompt calibration, as the task runner's. */
  @WithDefault("qwen")
  String tevalTemplate();

  /** CloudEvents {@code source} of the events this service emits. */
  @WithDefault("/acbench/compressor-service")
  String eventSource();

  /** The model repository in use. */
  default Path repositoryDir() {
    return modelRepository().orElse(artifactDir().resolve("model-repository"));
  }
}
