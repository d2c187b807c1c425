package io.acbench.runtime.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tiny deterministic byte-pair-encoding trainer for test fixtures.
 *
 * <p>Each word is a list of symbols. Every round counts adjacent symbol pairs over all words
 * (weighted by word frequency), merges the most frequent pair everywhere, and records the merge.
 * Ties go to the pair whose {@code left + " " + right} sorts first, so the result depends only on
 * the input. Training stops after {@code maxMerges} merges or when no pair occurs twice.
 */
final class BpeTrainer {

  private BpeTrainer() {}

  /** One learnt merge, in rank order; {@code merged} is {@code left + right}. */
  record Merge(String left, String right) {
    String merged() {
      return left + right;
    }
  }

  /**
   * Learns merges over {@code words}.
   *
   * @param words word (as its symbol list) to frequency; the lists are copied, not modified
   * @param maxMerges upper bound on the number of merges
   * @return merges in the order they were learnt (= their rank)
   */
  static List<Merge> train(Map<List<String>, Integer> words, int maxMerges) {
    List<List<String>> symbols = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    words.forEach(
        (word, count) -> {
          symbols.add(new ArrayList<>(word));
          counts.add(count);
        });
    List<Merge> merges = new ArrayList<>();
    while (merges.size() < maxMerges) {
      Merge best = mostFrequentPair(symbols, counts);
      if (best == null) {
        break;
      }
      merges.add(best);
      for (List<String> word : symbols) {
        applyMerge(word, best);
      }
    }
    return merges;
  }

  private static Merge mostFrequentPair(List<List<String>> symbols, List<Integer> counts) {
    // TreeMap keyed by "left right" gives the lexicographic tie-break for free.
    Map<String, Integer> pairCounts = new TreeMap<>();
    for (int w = 0; w < symbols.size(); w++) {
      List<String> word = symbols.get(w);
      for (int i = 0; i + 1 < word.size(); i++) {
        pairCounts.merge(word.get(i) + " " + word.get(i + 1), counts.get(w), Integer::sum);
      }
    }
    String bestKey = null;
    int bestCount = 1;
    for (Map.Entry<String, Integer> e : pairCounts.entrySet()) {
      if (e.getValue() > bestCount) {
        bestKey = e.getKey();
        bestCount = e.getValue();
      }
    }
    if (bestKey == null) {
      return null;
    }
    int space = bestKey.indexOf(' ');
    return new Merge(bestKey.substring(0, space), bestKey.substring(space + 1));
  }

  private static void applyMerge(List<String> word, Merge merge) {
    for (int i = 0; i + 1 < word.size(); i++) {
      if (word.get(i).equals(merge.left()) && word.get(i + 1).equals(merge.right())) {
        word.set(i, merge.merged());
        word.remove(i + 1);
      }
    }
  }
}
