package io.acbench.metrics.scorers;

import com.fasterxml.jackson.databind.node.TextNode;
import io.acbench.metrics.scorers.common.MiniLmSentenceEmbedder;
import io.acbench.metrics.scorers.common.ScoringMode;
import io.acbench.metrics.scorers.common.SentenceSimilarity;
import io.acbench.metrics.scorers.worfbench.WorfBenchScorer;
import io.acbench.metrics.scoring.TaskScorer.SampleInput;
import java.util.ArrayList;
import java.util.List;

/** Throughput of the embedding model and the WorfBench scorer (a manual benchmark, not a test). */
public final class ScorerThroughput {

  private ScorerThroughput() {}

  public static void main(String[] a) {
    long t0 = System.nanoTime();
    var e = MiniLmSentenceEmbedder.shared();
    e.embed(List.of("warm up"));
    long t1 = System.nanoTime();
    List<String> s = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      s.add("step " + i + ": take tomato " + i + " from sinkbasin and put it on the countertop");
    }
    long t2 = System.nanoTime();
    e.embed(s);
    long t3 = System.nanoTime();
    String gold =
        "Node:\n1: go to countertop 1\n2: take apple from countertop 1\n3: go to fridge 1\n4: cool apple with fridge 1\n5: go to diningtable 1\n6: put apple in/on diningtable 1\nEdge: (START,1) (1,2) (2,3) (3,4) (4,5) (5,6) (6,END)";
    String ref = "{\"gold\": " + TextNode.valueOf(gold).toString() + "}";
    var scorer = new WorfBenchScorer(new SentenceSimilarity(e), ScoringMode.PARITY);
    int n = 100;
    long t4 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      String out = gold.replace("apple", "apple" + i);
      scorer.score(new SampleInput("worfbench/alfworld", "x" + i, out, null, ref));
    }
    long t5 = System.nanoTime();
    System.out.printf(
        "model load %.2f s; embed %.2f ms/sentence (500, single thread); worfbench score %.1f ms/sample (6-node graphs, %d samples)%n",
        (t1 - t0) / 1e9, (t3 - t2) / 1e6 / 500, (t5 - t4) / 1e6 / n, n);
  }
}
