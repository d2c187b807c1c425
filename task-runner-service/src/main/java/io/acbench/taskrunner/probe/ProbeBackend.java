package io.acbench.taskrunner.probe;

import io.acbench.contracts.probe.ProbeSequence;
import java.util.List;

/** Runs a served probe model (inference-server/README.md §2) on token windows. */
public interface ProbeBackend {

  /**
   * Probes every window and returns one reduced sequence per window, in order.
   *
   * @param model the probe model's name
   * @param topK k of the stored top-k
   * @param referenceIds per window (N·k) a reference model's top-k ids, row-major; null for none.
   *     When given, each returned sequence carries this model's logits at those ids
   * @throws ProbeException when the backend fails
   */
  List<ProbeSequence> probe(String model, List<int[]> windows, int topK, List<int[]> referenceIds);
}
