package io.acbench.inference.model;

import io.acbench.contracts.grpc.inference.ModelConfig;
import java.nio.file.Path;

/**
 * One model version as read from the repository.
 *
 * @param version the served version directory's name, e.g. {@code 1}
 * @param config the auto-completed config (inputs, outputs, transaction policy)
 * @param checkpoint the Hugging Face checkpoint directory {@code model.json} points at
 * @param maxModelLen {@code max_model_len} of model.json, 0 when absent
 * @param maxNumSeqs {@code max_num_seqs} of model.json, 0 when absent
 * @param maxQueueSize the {@code acbench_max_queue_size} config parameter, -1 when absent
 */
public record ModelDefinition(
    String name,
    String version,
    ModelConfig config,
    ModelKind kind,
    Path checkpoint,
    int maxModelLen,
    int maxNumSeqs,
    int maxQueueSize) {

  public boolean decoupled() {
    return config.getModelTransactionPolicy().getDecoupled();
  }
}
