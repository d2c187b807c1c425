package io.acbench.metrics.scorers.worfbench;

import java.util.List;

/**
 * A parsed workflow in the reference's graph form ({@code workflow_to_graph_list}): {@code nodes[0]
 * = "START"}, the subtask lines in text order, {@code nodes[n-1] = "END"}; edges as index pairs
 * with START = 0 and END = n − 1, other numbers used as written (they may point outside the node
 * list when the text is inconsistent).
 *
 * @param nodes node texts, START and END included
 * @param edges edges in text order
 */
public record WorkflowGraph(List<String> nodes, List<Edge> edges) {

  public static final String START = "START";
  public static final String END = "END";

  public WorkflowGraph {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /** The subtask nodes, START and END removed (by text, as the reference filters). */
  public List<String> innerNodes() {
    return nodes.stream().filter(n -> !START.equals(n) && !END.equals(n)).toList();
  }

  /**
   * One directed edge.
   *
   * @param from source index
   * @param to target index
   */
  public record Edge(int from, int to) {}
}
