package io.acbench.taskrunner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Typed configuration of the task-runner-service ({@code acbench.task-runner.*}). */
@ConfigMapping(prefix = "acbench.task-runner")
public interface TaskRunnerConfig {

  /** CloudEvents {@code source} of the events this service emits. */
  @WithDefault("/acbench/task-runner-service")
  String eventSource();

  /** gRPC endpoints (host:port) of the inference backend, Triton or inference-server. */
  @WithDefault("localhost:8001")
  List<String> inferenceEndpoints();

  /**
   * Directory holding official dataset files ({@code worfbench/<scenario>/graph_eval.json}, {@code
   * teval/<name>_v2.json}); a file found there replaces the built-in dataset of the same name.
   */
  Optional<Path> datasetDir();

  /** Directory of the run journals and the output cache; survives restarts. */
  @WithDefault("data/task-runner")
  Path stateDir();

  /** Inference requests in flight at once per task (back-pressure bound). */
  @WithDefault("8")
  int maxInFlight();

  /** Deadline of one inference request. */
  @WithDefault("10m")
  Duration requestTimeout();

  /** Samples per task at most; 0 runs every sample of the dataset. */
  @WithDefault("0")
  int sampleLimit();

  /**
   * WorfBench mode: {@code parity} (role: content lines, stops END, ---, blank line) or {@code
   * corrected} (the model's chat template, stop ---), benchmark-spec B4.
   */
  @WithDefault("parity")
  String worfbenchMode();

  /**
   * lagent meta template for T-Eval prompts: {@code qwen}, {@code internlm}, {@code mistral},
   * {@code llama2}.
   */
  @WithDefault("qwen")
  String tevalTemplate();

  /** The logits-level probe run on every {@code model.ready} with a probe set (spec §4). */
  Probe probe();

  /** {@code acbench.task-runner.probe.*}. */
  interface Probe {

    /** Tokens per probe window (benchmark-spec §4.2: 32). */
    @WithDefault("32")
    int windowTokens();

    /** Windows probed, the first ones of the tokenised corpus (benchmark-spec §4.2: 50). */
    @WithDefault("50")
    int windows();

    /** Top-k width stored per position (the largest k of benchmark-spec §4.2: 20). */
    @WithDefault("20")
    int topK();

    /** Windows per probe request (benchmark-spec §4.2: batches of 10). */
    @WithDefault("10")
    int batchSize();

    /** Where probe result files go; default {@code <state-dir>/probes}. */
    Optional<Path> resultDir();
  }
}
