package io.acbench.runtime.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {

  /**
   * Sennrich et al.'s example: low x5, lower x2, newest x6, widest x3. By hand: (e,s) and (s,t)
   * both occur 9 times and "e s" sorts first; then (es,t) 9; then (l,o) and (o,w) tie at 7 and "l
   * o" sorts first; then (lo,w) 7.
   */
  @Test
  void learnsTheHandComputedMergesWithLexicographicTieBreak() {
    Map<List<String>, Integer> words = new LinkedHashMap<>();
    words.put(List.of("l", "o", "w"), 5);
    words.put(List.of("l", "o", "w", "e", "r"), 2);
    words.put(List.of("n", "e", "w", "e", "s", "t"), 6);
    words.put(List.of("w", "i", "d", "e", "s", "t"), 3);

    assertThat(BpeTrainer.train(words, 4))
        .containsExactly(
            new BpeTrainer.Merge("e", "s"),
            new BpeTrainer.Merge("es", "t"),
            new BpeTrainer.Merge("l", "o"),
            new BpeTrainer.Merge("lo", "w"));
  }

  @Test
  void stopsWhenNoPairOccursTwiceAndLeavesInputUntouched() {
    List<String> word = List.of("a", "b", "c");
    Map<List<String>, Integer> words = Map.of(word, 1);

    assertThat(BpeTrainer.train(words, 10)).isEmpty();
    assertThat(word).containsExactly("a", "b", "c");
  }
}
