package io.acbench.compressor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Typed configuration of the compressor-service ({@code acbench.compressor.*}). */
@ConfigMapping(prefix = "acbench.compressor")
public interface CompressorConfig {

  /** Directory of the content-addressed artifact cache and the Triton model repository. */
  @WithDefault("data/artifacts")
  Path artifactDir();

  /** CloudEvents {@code source} of the events this service emits. */
  @WithDefault("/acbench/compressor-service")
  String eventSource();
}
