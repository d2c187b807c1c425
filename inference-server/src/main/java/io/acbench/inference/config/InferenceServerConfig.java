package io.acbench.inference.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Typed configuration of the inference-server ({@code acbench.inference.*}). */
@ConfigMapping(prefix = "acbench.inference")
public interface InferenceServerConfig {

  /** Triton-layout model repository ({@code <repo>/<model>/config.pbtxt}). */
  @WithDefault("data/model-repository")
  Path modelRepository();
}
