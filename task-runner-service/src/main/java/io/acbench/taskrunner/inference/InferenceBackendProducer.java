package io.acbench.taskrunner.inference;

import io.acbench.inference.client.TritonClient;
import io.acbench.inference.client.TritonClientConfig;
import io.acbench.taskrunner.config.TaskRunnerConfig;
import io.acbench.taskrunner.probe.ProbeBackend;
import io.acbench.taskrunner.probe.TritonProbeBackend;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/**
 * The production backend: a {@link TritonClient} on {@code
 * acbench.task-runner.inference-endpoints}.
 */
@ApplicationScoped
public class InferenceBackendProducer {

  @Produces
  @ApplicationScoped
  TritonClient tritonClient(TaskRunnerConfig config, MeterRegistry registry) {
    TritonClientConfig base = TritonClientConfig.of(config.inferenceEndpoints());
    return new TritonClient(
        base.withDeadlines(
                base.deadlines()
                    .withGeneration(config.requestTimeout())
                    .withInfer(config.requestTimeout()))
            .withMeterRegistry(registry));
  }

  void close(@Disposes TritonClient client) {
    client.close();
  }

  @Produces
  @ApplicationScoped
  InferenceBackend backend(TritonClient client) {
    return new TritonInferenceBackend(client);
  }

  @Produces
  @ApplicationScoped
  ProbeBackend probeBackend(TritonClient client, TaskRunnerConfig config) {
    return new TritonProbeBackend(client, config.probe().batchSize());
  }
}
