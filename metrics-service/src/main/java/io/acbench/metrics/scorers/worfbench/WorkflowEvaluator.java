package io.acbench.metrics.scorers.worfbench;

import io.acbench.metrics.scorers.common.MaxWeightMatching;
import io.acbench.metrics.scorers.common.NodeChainScore;
import io.acbench.metrics.scorers.common.Prf;
import io.acbench.metrics.scorers.common.ScoringMode;
import io.acbench.metrics.scorers.common.SentenceSimilarity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * WorfBench node-chain and graph scores of one record (benchmark-spec §3.1), on graphs parsed by
 * {@link WorkflowParser}.
 */
public final class WorkflowEvaluator {

  /** Node-matching threshold of {@code match_node}. */
  public static final double MATCH_THRESHOLD = 0.6;

  /** Gold graphs with at least this many nodes (START/END included) skip the sort (B2). */
  static final int SORT_LIMIT_NODES = 10;

  /** Topological sorts kept per gold graph. */
  static final int MAX_LINEARISATIONS = 20;

  private final SentenceSimilarity similarity;
  private final ScoringMode mode;

  public WorkflowEvaluator(SentenceSimilarity similarity, ScoringMode mode) {
    this.similarity = similarity;
    this.mode = mode;
  }

  /**
   * Gold linearisations: for ≥ 10 nodes the node list as is (parity keeps START/END, B2; corrected
   * strips them); otherwise the first 20 topological sorts without START/END. A gold graph whose
   * sort fails (cycle, edge out of range) falls back to its inner node list.
   */
  public List<List<String>> goldLinearisations(WorkflowGraph gold) {
    List<String> nodes = gold.nodes();
    if (nodes.size() >= SORT_LIMIT_NODES) {
      return List.of(mode.parity() ? nodes : gold.innerNodes());
    }
    Optional<List<int[]>> sorts =
        TopologicalSorts.enumerate(nodes.size(), gold.edges(), MAX_LINEARISATIONS);
    if (sorts.isEmpty()) {
      return List.of(gold.innerNodes());
    }
    List<List<String>> out = new ArrayList<>();
    for (int[] sort : sorts.get()) {
      List<String> lin = new ArrayList<>();
      for (int i : sort) {
        String node = nodes.get(i);
        if (!WorkflowGraph.START.equals(node) && !WorkflowGraph.END.equals(node)) {
          lin.add(node);
        }
      }
      out.add(lin);
    }
    return out;
  }

  /**
   * Node-chain score ({@code t_eval_nodes}): the best F1 over gold linearisations (strictly greater
   * replaces, ties keep the first); all zeros when no F1 beats 0 or the prediction has no inner
   * node (where the reference crashes).
   */
  public Prf nodeScore(WorkflowGraph pred, WorkflowGraph gold) {
    List<String> predNodes = pred.innerNodes();
    List<List<String>> lins = goldLinearisations(gold);
    if (predNodes.isEmpty()) {
      return Prf.ZERO;
    }
    List<String> goldNodes = new ArrayList<>(gold.nodes());
    double[][] s = similarity.matrix(predNodes, goldNodes); // (|P|, |gold nodes|)
    Prf best = Prf.ZERO;
    for (List<String> lin : lins) {
      double[][] sl = new double[predNodes.size()][lin.size()]; // (|P|, |lin|)
      for (int j = 0; j < lin.size(); j++) {
        int col = goldNodes.indexOf(lin.get(j));
        for (int i = 0; i < predNodes.size(); i++) {
          sl[i][j] = s[i][col];
        }
      }
      Prf r = NodeChainScore.score(sl, lin.size(), MATCH_THRESHOLD, mode.parity());
      if (r.f1() > best.f1()) {
        best = r;
      }
    }
    return best;
  }

  /**
   * Graph score ({@code t_eval_graph}) with the project decision B3 (both modes): all nodes,
   * START/END included, are matched (S1 + S2); a prediction edge (u, v) with both ends matched is
   * common when (m(u), m(v)) is a gold edge with both ends matched. P = |largest connected
   * component of matched prediction nodes ∪ common edges| / |prediction nodes|, R = the same on the
   * gold side / |gold nodes|, F1 = 0 when P + R = 0.
   */
  public Prf graphScore(WorkflowGraph pred, WorkflowGraph gold) {
    List<String> pn = pred.nodes();
    List<String> gn = gold.nodes();
    int[] m = MaxWeightMatching.match(similarity.matrix(pn, gn), MATCH_THRESHOLD);
    Set<Integer> matchedPred = new HashSet<>();
    Set<Integer> matchedGold = new HashSet<>();
    for (int i = 0; i < m.length; i++) {
      if (m[i] != -1) {
        matchedPred.add(i);
        matchedGold.add(m[i]);
      }
    }
    if (matchedPred.isEmpty()) {
      return Prf.ZERO;
    }
    Set<WorkflowGraph.Edge> goldEdges = new HashSet<>();
    for (WorkflowGraph.Edge e : gold.edges()) {
      if (matchedGold.contains(e.from()) && matchedGold.contains(e.to())) {
        goldEdges.add(e);
      }
    }
    List<WorkflowGraph.Edge> commonPred = new ArrayList<>();
    List<WorkflowGraph.Edge> commonGold = new ArrayList<>();
    for (WorkflowGraph.Edge e : pred.edges()) {
      if (matchedPred.contains(e.from()) && matchedPred.contains(e.to())) {
        WorkflowGraph.Edge mapped = new WorkflowGraph.Edge(m[e.from()], m[e.to()]);
        if (goldEdges.contains(mapped)) {
          commonPred.add(e);
          commonGold.add(mapped);
        }
      }
    }
    double p = (double) largestComponent(matchedPred, commonPred) / pn.size();
    double r = (double) largestComponent(matchedGold, commonGold) / gn.size();
    return Prf.of(p, r);
  }

  /** Size of the largest connected component of the undirected graph (nodes, edges). */
  static int largestComponent(Set<Integer> nodes, List<WorkflowGraph.Edge> edges) {
    Set<Integer> seen = new HashSet<>();
    int best = 0;
    for (int start : nodes) {
      if (!seen.add(start)) {
        continue;
      }
      int size = 0;
      Deque<Integer> queue = new ArrayDeque<>(List.of(start));
      while (!queue.isEmpty()) {
        int v = queue.poll();
        size++;
        for (WorkflowGraph.Edge e : edges) {
          int w = e.from() == v ? e.to() : e.to() == v ? e.from() : -1;
          if (w >= 0 && nodes.contains(w) && seen.add(w)) {
            queue.add(w);
          }
        }
      }
      best = Math.max(best, size);
    }
    return best;
  }
}
