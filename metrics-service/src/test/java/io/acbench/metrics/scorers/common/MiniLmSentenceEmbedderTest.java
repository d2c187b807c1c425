package io.acbench.metrics.scorers.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MiniLmSentenceEmbedderTest {

  private final SentenceSimilarity sim = SharedEmbedder.similarity();

  @Test
  void embedsOfflineWithUnitNormVectorsOf384Dimensions() {
    float[][] e = sim.embedder().embed(List.of("go to the kitchen", "open the fridge"));
    assertThat(e).hasNumberOfRows(2);
    assertThat(e[0]).hasSize(384);
    double norm = 0;
    for (float x : e[0]) {
      norm += x * x;
    }
    assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-4));
  }

  @Test
  void identicalSentencesScoreOneAndParaphrasesBeatUnrelatedText() {
    assertThat(sim.similarity("take tomato from sinkbasin", "take tomato from sinkbasin"))
        .isCloseTo(1.0, within(1e-5));
    double para = sim.similarity("take the tomato from the sink", "take tomato from sinkbasin");
    double unrelated = sim.similarity("compile the kernel with gcc", "take tomato from sinkbasin");
    assertThat(para).isGreaterThan(0.6);
    assertThat(unrelated).isLessThan(para).isGreaterThanOrEqualTo(0.0);
  }

  @Test
  void blankSentenceHasZeroSimilarity() {
    assertThat(sim.similarity("", "anything at all")).isZero();
  }
}
