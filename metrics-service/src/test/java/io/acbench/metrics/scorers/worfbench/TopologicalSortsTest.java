package io.acbench.metrics.scorers.worfbench;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.metrics.scorers.worfbench.WorkflowGraph.Edge;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologicalSortsTest {

  @Test
  void followsNetworkxOrderOnItsDocumentedExample() {
    // NetworkX docs: DiGraph([(1, 2), (2, 3), (2, 4)]) -> [[1, 2, 4, 3], [1, 2, 3, 4]]
    List<Edge> edges = List.of(new Edge(0, 1), new Edge(1, 2), new Edge(1, 3));
    List<int[]> sorts = TopologicalSorts.enumerate(4, edges, 20).orElseThrow();
    assertThat(sorts).containsExactly(new int[] {0, 1, 3, 2}, new int[] {0, 1, 2, 3});
  }

  @Test
  void diamondYieldsBothOrdersLastSuccessorFirst() {
    List<Edge> edges = List.of(new Edge(0, 1), new Edge(0, 2), new Edge(1, 3), new Edge(2, 3));
    assertThat(TopologicalSorts.enumerate(4, edges, 20).orElseThrow())
        .containsExactly(new int[] {0, 2, 1, 3}, new int[] {0, 1, 2, 3});
  }

  @Test
  void stopsAtTheLimitAndEnumeratesDistinctValidOrders() {
    List<Edge> edges = new ArrayList<>();
    for (int k = 1; k <= 5; k++) {
      edges.add(new Edge(0, k));
      edges.add(new Edge(k, 6));
    }
    List<int[]> sorts = TopologicalSorts.enumerate(7, edges, 20).orElseThrow();
    assertThat(sorts).hasSize(20);
    assertThat(sorts.stream().map(java.util.Arrays::toString).distinct()).hasSize(20);
    assertThat(sorts)
        .allSatisfy(s -> assertThat(s[0]).isZero())
        .allSatisfy(s -> assertThat(s[6]).isEqualTo(6));
    assertThat(TopologicalSorts.enumerate(7, edges, 1000).orElseThrow()).hasSize(120);
  }

  @Test
  void cycleOrOutOfRangeEdgeGivesNoSort() {
    assertThat(TopologicalSorts.enumerate(3, List.of(new Edge(1, 2), new Edge(2, 1)), 20))
        .isEmpty();
    assertThat(TopologicalSorts.enumerate(3, List.of(new Edge(0, 5)), 20)).isEmpty();
  }
}
