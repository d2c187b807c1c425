package io.acbench.runtime.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StopCriteriaTest {

  private static final Set<Integer> EOS = Set.of(2);

  @Test
  void stopStringIsCutEvenWhenSplitAcrossTokens() {
    StopCriteria stop = new StopCriteria(SamplingParams.greedy(50).withStop(List.of("END")), EOS);
    StringBuilder streamed = new StringBuilder();

    streamed.append(stop.accept(10, "hello E"));
    streamed.append(stop.accept(11, "N"));
    assertThat(stop.finishReason()).isNull();
    streamed.append(stop.accept(12, "D and more"));

    assertThat(stop.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(stop.text()).isEqualTo("hello ");
    assertThat(streamed.toString()).isEqualTo("hello ");
  }

  @Test
  void heldBackTextIsReleasedWhenNoStopStringFollows() {
    StopCriteria stop = new StopCriteria(SamplingParams.greedy(3).withStop(List.of("xyz")), EOS);

    assertThat(stop.accept(10, "abcx")).isEqualTo("ab");
    assertThat(stop.accept(11, "y")).isEqualTo("c");
    assertThat(stop.accept(12, "q")).isEqualTo("xyq");
    assertThat(stop.finishReason()).isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void earliestOfSeveralStopStringsWins() {
    StopCriteria stop =
        new StopCriteria(SamplingParams.greedy(9).withStop(List.of("cd", "b")), EOS);

    stop.accept(10, "abcd");

    assertThat(stop.text()).isEqualTo("a");
  }

  @Test
  void eosStopsUnlessIgnoredAndAddsNoText() {
    StopCriteria stop = new StopCriteria(SamplingParams.greedy(9), EOS);
    assertThat(stop.accept(5, "hi")).isEqualTo("hi");
    assertThat(stop.accept(2, "</s>")).isEmpty();
    assertThat(stop.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(stop.text()).isEqualTo("hi");

    StopCriteria ignoring = new StopCriteria(SamplingParams.greedy(9).withIgnoreEos(true), EOS);
    ignoring.accept(2, "</s>");
    assertThat(ignoring.finishReason()).isNull();
  }

  @Test
  void stopTokenIdsStopAndTokenLimitEndsWithLength() {
    StopCriteria ids = new StopCriteria(SamplingParams.greedy(9).withStopTokenIds(List.of(7)), EOS);
    ids.accept(6, "a");
    ids.accept(7, "b");
    assertThat(ids.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(ids.generated()).isEqualTo(2);

    StopCriteria limit = new StopCriteria(SamplingParams.greedy(2), EOS);
    limit.accept(6, "a");
    assertThat(limit.finishReason()).isNull();
    limit.accept(6, "a");
    assertThat(limit.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(limit.text()).isEqualTo("aa");
  }
}
