package io.acbench.metrics.scorers;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.metrics.scorers.common.ScorersConfig;
import io.acbench.metrics.scorers.common.ScoringMode;
import io.acbench.metrics.scorers.teval.TevalScorer;
import io.acbench.metrics.scorers.worfbench.WorfBenchScorer;
import io.acbench.metrics.scoring.TaskScorer;
import io.acbench.testing.kafka.KafkaBrokerTestResource;
import io.quarkus.arc.All;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class ScorerBeansTest {

  @Inject @All List<TaskScorer> scorers;
  @Inject ScorersConfig config;
  @Inject WorfBenchScorer worfbench;

  @Test
  void bothFamiliesAreCdiBeansInParityModeByDefault() {
    assertThat(scorers).extracting(TaskScorer::family).contains("worfbench", "teval");
    assertThat(scorers).hasAtLeastOneElementOfType(TevalScorer.class);
    assertThat(config.worfbenchMode()).isEqualTo(ScoringMode.PARITY);
    assertThat(config.tevalMode()).isEqualTo(ScoringMode.PARITY);
    assertThat(worfbench.mode()).isEqualTo(ScoringMode.PARITY);
  }

  @Test
  void injectedScorerLoadsTheEmbeddingModelInsideTheApplication() {
    String gold = "Node:\n1: open the fridge\n2: take the milk\nEdge: (START,1) (1,2) (2,END)";
    String ref = "{\"gold\": \"" + gold.replace("\n", "\\n") + "\"}";
    var s = worfbench.score(new TaskScorer.SampleInput("worfbench/os", "1", gold, null, ref));
    assertThat(s.primary()).isEqualTo(1.0);
  }
}
