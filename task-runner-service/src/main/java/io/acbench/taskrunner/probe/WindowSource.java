package io.acbench.taskrunner.probe;

import io.acbench.contracts.events.ModelReady;
import java.util.List;

/** The token windows a variant is probed on, and its vocabulary size. */
@FunctionalInterface
public interface WindowSource {

  /**
   * @param windows the token windows, in probe-set order
   * @param vocabSize V of the model's logits (every top-k id is below it)
   */
  record ProbeInput(List<int[]> windows, int vocabSize) {}

  /**
   * @throws ProbeException when the windows cannot be made (tokenizer missing, unknown probe set)
   */
  ProbeInput windows(ModelReady ready);
}
