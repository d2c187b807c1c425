package io.acbench.metrics.scoring;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Test-only scorer of family {@code exact}: 1 when the parsed output equals the reference. */
@ApplicationScoped
public class ExactMatchScorer implements TaskScorer {

  @Override
  public String family() {
    return "exact";
  }

  @Override
  public SampleScore score(SampleInput sample) {
    double hit =
        sample.parsedOutput() != null && sample.parsedOutput().equals(sample.reference()) ? 1 : 0;
    return new SampleScore("exact", Map.of("exact", hit));
  }
}
