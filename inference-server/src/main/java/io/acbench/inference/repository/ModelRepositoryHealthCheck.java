package io.acbench.inference.repository;

import io.acbench.inference.config.InferenceServerConfig;
import java.nio.file.Files;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the configured model repository is a readable directory. */
@Readiness
public class ModelRepositoryHealthCheck implements HealthCheck {

  private final InferenceServerConfig config;

  public ModelRepositoryHealthCheck(InferenceServerConfig config) {
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    var repository = config.modelRepository().toAbsolutePath();
    boolean readable = Files.isDirectory(repository) && Files.isReadable(repository);
    return HealthCheckResponse.named("model-repository")
        .status(readable)
        .withData("path", repository.toString())
        .build();
  }
}
