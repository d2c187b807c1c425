package io.acbench.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of the gateway ({@code acbench.gateway.*}). */
@ConfigMapping(prefix = "acbench.gateway")
public interface GatewayConfig {

  /** CloudEvents {@code source} of the events this service emits. */
  @WithDefault("/acbench/gateway")
  String eventSource();

  /** Most variants one evaluation may request. */
  @WithDefault("16")
  int maxVariants();
}
