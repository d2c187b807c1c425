package io.acbench.metrics.scorers.worfbench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * All topological sorts of a DAG in NetworkX {@code all_topological_sorts} order (the iterative
 * Knuth–Szwarcfiter algorithm), on nodes 0..n−1 inserted in index order and successors in edge
 * insertion order, as WorfBench builds its {@code DiGraph}.
 */
public final class TopologicalSorts {

  private TopologicalSorts() {}

  /**
   * At most {@code limit} sorts, or empty when the graph has a cycle or an edge leaves 0..n−1 (the
   * reference raises there).
   */
  public static Optional<List<int[]>> enumerate(int n, List<WorkflowGraph.Edge> edges, int limit) {
    List<List<Integer>> succ = new ArrayList<>();
    int[] count = new int[n];
    for (int i = 0; i < n; i++) {
      succ.add(new ArrayList<>());
    }
    for (WorkflowGraph.Edge e : edges) {
      if (e.from() < 0 || e.from() >= n || e.to() < 0 || e.to() >= n) {
        return Optional.empty();
      }
      if (!succ.get(e.from()).contains(e.to())) { // DiGraph: parallel edges collapse
        succ.get(e.from()).add(e.to());
        count[e.to()]++;
      }
    }
    Deque<Integer> d = new ArrayDeque<>(); // NetworkX deque D: right end = "last"
    for (int v = 0; v < n; v++) {
      if (count[v] == 0) {
        d.addLast(v);
      }
    }
    List<int[]> out = new ArrayList<>();
    List<Integer> bases = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    while (out.size() < limit) {
      if (current.size() == n) {
        out.add(current.stream().mapToInt(Integer::intValue).toArray());
        if (!backtrack(current, bases, d, succ, count)) {
          break;
        }
      } else {
        if (d.isEmpty()) {
          return Optional.empty(); // cycle
        }
        int q = d.removeLast();
        for (int j : succ.get(q)) {
          count[j]--;
          if (count[j] == 0) {
            d.addLast(j);
          }
        }
        current.add(q);
        if (bases.size() < current.size()) {
          bases.add(q);
        }
      }
    }
    return Optional.of(out);
  }

  /** Undoes choices until a position with an untried candidate; false when all are done. */
  private static boolean backtrack(
      List<Integer> current,
      List<Integer> bases,
      Deque<Integer> d,
      List<List<Integer>> succ,
      int[] count) {
    while (!current.isEmpty()) {
      int q = current.removeLast();
      for (int j : succ.get(q)) {
        count[j]++;
      }
      while (!d.isEmpty() && count[d.peekLast()] > 0) {
        d.removeLast();
      }
      d.addFirst(q);
      if (d.peekLast().equals(bases.getLast())) {
        bases.removeLast();
      } else {
        return true;
      }
    }
    return false;
  }
}
