package io.acbench.taskrunner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of the task-runner-service ({@code acbench.task-runner.*}). */
@ConfigMapping(prefix = "acbench.task-runner")
public interface TaskRunnerConfig {

  /** CloudEvents {@code source} of the events this service emits. */
  @WithDefault("/acbench/task-runner-service")
  String eventSource();

  /** gRPC endpoints (host:port) of the inference backend, Triton or inference-server. */
  @WithDefault("localhost:8001")
  java.util.List<String> inferenceEndpoints();
}
