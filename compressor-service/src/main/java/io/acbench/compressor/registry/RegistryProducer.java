package io.acbench.compressor.registry;

import io.acbench.compressor.config.CompressorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** Picks the registry from {@code acbench.compressor.inference-endpoint}. */
@ApplicationScoped
public class RegistryProducer {

  @Produces
  @ApplicationScoped
  InferenceRegistry registry(CompressorConfig config) {
    return config
        .inferenceEndpoint()
        .<InferenceRegistry>map(e -> new TritonInferenceRegistry(e, config.registerTimeout()))
        .orElseGet(RepositoryOnlyRegistry::new);
  }

  void close(@Disposes InferenceRegistry registry) {
    if (registry instanceof TritonInferenceRegistry triton) {
      triton.close();
    }
  }
}
