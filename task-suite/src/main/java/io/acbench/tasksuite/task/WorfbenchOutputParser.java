package io.acbench.tasksuite.task;

import io.acbench.tasksuite.dataset.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WorfBench node and edge parsing (benchmark-spec §3.1, graph form): nodes {@code ["START"] +
 * matches + ["END"]}, edges with START = 0 and END = |nodes| - 1. Parity mode uses the reference
 * regex {@code \d+[:.] (.+)} (the space is mandatory, B4); corrected mode {@code
 * \d+\s*[:.]\s*(.+)}.
 */
public final class WorfbenchOutputParser implements OutputParser {

  private static final Pattern PARITY_NODE = Pattern.compile("\\d+[:.] (.+)");
  private static final Pattern CORRECTED_NODE = Pattern.compile("\\d+\\s*[:.]\\s*(.+)");
  private static final Pattern EDGE =
      Pattern.compile("\\(\\s*(\\d+|START)\\s*,\\s*(\\d+|END)\\s*\\)");

  private final Pattern node;

  public WorfbenchOutputParser(boolean corrected) {
    this.node = corrected ? CORRECTED_NODE : PARITY_NODE;
  }

  /** {@code {"nodes": [...], "edges": [[from, to], ...]}}, or null when unparseable. */
  @Override
  public String parse(String completion) {
    if (!completion.contains("Node")) {
      return null;
    }
    List<String> nodes = new ArrayList<>();
    nodes.add("START");
    Matcher m = node.matcher(completion);
    while (m.find()) {
      nodes.add(m.group(1).strip());
    }
    nodes.add("END");
    int end = nodes.size() - 1;
    List<List<Integer>> edges = new ArrayList<>();
    Matcher e = EDGE.matcher(completion);
    while (e.find()) {
      int from = e.group(1).equals("START") ? 0 : index(e.group(1));
      int to = e.group(2).equals("END") ? end : index(e.group(2));
      if (from >= 0 && to >= 0) {
        edges.add(List.of(from, to));
      }
    }
    if (edges.isEmpty()) {
      return null;
    }
    Map<String, Object> parsed = new LinkedHashMap<>();
    parsed.put("nodes", nodes);
    parsed.put("edges", edges);
    return Json.canonical(parsed);
  }

  private static int index(String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException tooLarge) {
      return -1;
    }
  }
}
