package io.acbench.compressor.registry;

import io.acbench.inference.client.Deadlines;
import io.acbench.inference.client.TritonClient;
import io.acbench.inference.client.TritonClientConfig;
import io.acbench.inference.client.TritonException;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Registers variants with a KServe v2 / Triton server through the project's {@link TritonClient}:
 * {@code RepositoryModelLoad} with the model name (kserve-v2-protocol §1.7, §4.2; the server runs
 * in EXPLICIT model control and reads the same model repository).
 */
public final class TritonInferenceRegistry implements InferenceRegistry, AutoCloseable {

  private final String endpoints;
  private final TritonClient client;

  /**
   * @param endpoints {@code host:port[,host:port…]}
   * @param timeout deadline of one load (it returns when the load has finished)
   */
  public TritonInferenceRegistry(String endpoints, Duration timeout) {
    this.endpoints = endpoints;
    Deadlines d = Deadlines.defaults();
    this.client =
        new TritonClient(
            TritonClientConfig.of(endpoints)
                .withDeadlines(
                    new Deadlines(d.health(), d.metadata(), d.infer(), d.generation(), timeout)));
  }

  @Override
  public void register(String modelName, Path entryDir) {
    try {
      client.loadModel(modelName);
    } catch (TritonException e) {
      Status.Code code = e.code();
      boolean retryable =
          code == Status.Code.UNAVAILABLE
              || code == Status.Code.DEADLINE_EXCEEDED
              || code == Status.Code.RESOURCE_EXHAUSTED;
      throw new RegistrationException(
          "RepositoryModelLoad of "
              + modelName
              + " at "
              + endpoints
              + " failed: "
              + code
              + (e.serverMessage() == null ? "" : " (" + e.serverMessage() + ")"),
          retryable,
          e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
