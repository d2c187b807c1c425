package io.acbench.metrics.scorers.worfbench;

import io.acbench.metrics.scorers.common.ScoringMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Node and edge parsing of a WorfBench workflow text (benchmark-spec §3.1 Parsing), the same for
 * gold text and prediction, plus the generation stop rules applied to predictions.
 *
 * <ul>
 *   <li>No {@code "Node"} in the text: unparseable (empty).
 *   <li>Nodes: every match of {@code \d+[:.] (.+)} (parity; the space is mandatory, B4) or {@code
 *       \d+\s*[:.]\s*(.+)} (corrected), stripped; a trailing "Finish" node is kept.
 *   <li>Edges: every match of {@code \(\s*(\d+|START)\s*,\s*(\d+|END)\s*\)}; START → 0, END →
 *       |nodes| − 1. No edge: unparseable.
 * </ul>
 */
public final class WorkflowParser {

  /** Python {@code re} semantics: '.' stops only at '\\n'; \\d and \\s are Unicode classes. */
  private static final int PY_FLAGS = Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;

  private static final Pattern PARITY_NODE = Pattern.compile("\\d+[:.] (.+)", PY_FLAGS);
  private static final Pattern CORRECTED_NODE = Pattern.compile("\\d+\\s*[:.]\\s*(.+)", PY_FLAGS);
  private static final Pattern EDGE =
      Pattern.compile("\\(\\s*(\\d+|START)\\s*,\\s*(\\d+|END)\\s*\\)", PY_FLAGS);

  /** ACBench's vLLM stop strings (§1.4); corrected mode keeps only "---" (B4). */
  private static final List<String> PARITY_STOPS = List.of("END", "---", "\n\n");

  private static final List<String> CORRECTED_STOPS = List.of("---");

  private WorkflowParser() {}

  /**
   * Cuts a generated text at the first stop string, as vLLM does (the stop string is excluded).
   * Idempotent: a text the generator already stopped on is returned unchanged.
   */
  public static String applyStops(String generated, ScoringMode mode) {
    List<String> stops = mode.parity() ? PARITY_STOPS : CORRECTED_STOPS;
    int cut = generated.length();
    for (String stop : stops) {
      int at = generated.indexOf(stop);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    return generated.substring(0, cut);
  }

  /** The graph form of a workflow text, or empty when it is unparseable. */
  public static Optional<WorkflowGraph> parse(String text, ScoringMode mode) {
    if (text == null || !text.contains("Node")) {
      return Optional.empty();
    }
    List<String> nodes = new ArrayList<>();
    nodes.add(WorkflowGraph.START);
    Matcher nm = (mode.parity() ? PARITY_NODE : CORRECTED_NODE).matcher(text);
    while (nm.find()) {
      nodes.add(nm.group(1).strip());
    }
    nodes.add(WorkflowGraph.END);
    List<WorkflowGraph.Edge> edges = new ArrayList<>();
    Matcher em = EDGE.matcher(text);
    while (em.find()) {
      Integer from = index(em.group(1), nodes.size());
      Integer to = index(em.group(2), nodes.size());
      if (from == null || to == null) {
        continue;
      }
      edges.add(new WorkflowGraph.Edge(from, to));
    }
    if (edges.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new WorkflowGraph(nodes, edges));
  }

  /** START → 0, END → n − 1, digits as written; null for a number too large for an int. */
  private static Integer index(String token, int n) {
    if (WorkflowGraph.START.equals(token)) {
      return 0;
    }
    if (WorkflowGraph.END.equals(token)) {
      return n - 1;
    }
    try {
      return Integer.parseInt(token);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
