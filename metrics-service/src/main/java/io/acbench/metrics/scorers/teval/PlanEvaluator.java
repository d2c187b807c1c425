package io.acbench.metrics.scorers.teval;

import io.acbench.metrics.scorers.common.NodeChainScore;
import io.acbench.metrics.scorers.common.Prf;
import io.acbench.metrics.scorers.common.SentenceSimilarity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * T-Eval planning ({@code PlanningEvaluator.bertscore_match}): plans as lists of steps {name, id,
 * args}; s_ij = 0.75 · sim(name_i, name_j) + 0.25 · sim(args_i, args_j); S2 matching at 0.8, then
 * S3 (LIS floor B1 in parity); P, R, F1 and {@code parse_rate}.
 */
public final class PlanEvaluator {

  static final double NAME_WEIGHT = 0.75;
  static final double ARGS_WEIGHT = 0.25;
  static final double MATCH_THRESHOLD = 0.8;
  static final String FINISH = "FinishAction";

  /**
   * One plan step after coercion.
   *
   * @param name str(name)
   * @param id int(id)
   * @param args str(args)
   */
  public record Step(String name, long id, String args) {}

  private final SentenceSimilarity similarity;
  private final boolean legacyFloor;

  public PlanEvaluator(SentenceSimilarity similarity, boolean legacyFloor) {
    this.similarity = similarity;
    this.legacyFloor = legacyFloor;
  }

  /** Scores one plan record; json selects the JSON or the string parse of pred. */
  public Map<String, Double> score(String pred, TevalReference ref, boolean json) {
    String promptType = ref.promptType();
    boolean asJson = promptType == null ? json : !promptType.equals("str");
    List<Step> gt = coerce(ref.loadedGroundTruth("[", "]"));
    List<Step> p =
        asJson ? coerce(FormatLoader.load(pred, "[", "]").orElse(null)) : parseStr(pred, ref);
    boolean parsed = !p.isEmpty() && !gt.isEmpty();
    Prf r = parsed ? match(p, gt) : Prf.ZERO;
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("f1_score", r.f1());
    m.put("precision", r.precision());
    m.put("recall", r.recall());
    m.put("parse_rate", parsed ? 1.0 : 0.0);
    return m;
  }

  /** bertscore_match on two non-empty plans. */
  Prf match(List<Step> pred, List<Step> gold) {
    List<Step> p = trimFinish(pred);
    List<Step> g = trimFinish(gold);
    if (p.isEmpty() || g.isEmpty()) {
      return Prf.ZERO; // the reference crashes (max of an empty dp)
    }
    double[][] name = similarity.matrix(names(p), names(g)); // (|P|, |G|)
    double[][] args = similarity.matrix(args(p), args(g)); // (|P|, |G|)
    double[][] s = new double[p.size()][g.size()];
    for (int i = 0; i < p.size(); i++) {
      for (int j = 0; j < g.size(); j++) {
        s[i][j] = name[i][j] * NAME_WEIGHT + args[i][j] * ARGS_WEIGHT;
      }
    }
    return NodeChainScore.score(s, g.size(), MATCH_THRESHOLD, legacyFloor);
  }

  /** Sort by id (stable), then drop one trailing FinishAction. */
  static List<Step> trimFinish(List<Step> plan) {
    List<Step> sorted = new ArrayList<>(plan);
    sorted.sort(Comparator.comparingLong(Step::id));
    if (!sorted.isEmpty() && sorted.getLast().name().equals(FINISH)) {
      sorted.removeLast();
    }
    return sorted;
  }

  /**
   * The string form: ". " becomes a line break; each line naming an API of {@code meta.API_list}
   * (the earliest occurring, first listed on ties) becomes a step {id: running index, name, args:
   * the line}.
   */
  static List<Step> parseStr(String pred, TevalReference ref) {
    List<String> apis = ref.apiList();
    List<Step> out = new ArrayList<>();
    for (String line : pred.replace(". ", "\n").split("\n", -1)) {
      int first = Integer.MAX_VALUE;
      String api = null;
      for (String name : apis) {
        int at = line.indexOf(name);
        if (at >= 0 && at < first) {
          first = at;
          api = name;
        }
      }
      if (api != null && !api.isEmpty()) {
        out.add(new Step(api, out.size(), line));
      }
    }
    return out;
  }

  /** The reference's coercion of a loaded list: any failure gives the empty plan. */
  static List<Step> coerce(Object loaded) {
    if (!(loaded instanceof List<?> list)) {
      return List.of();
    }
    List<Step> out = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> m)
          || !m.containsKey("name")
          || !m.containsKey("id")
          || !m.containsKey("args")) {
        return List.of();
      }
      Long id = pyInt(m.get("id"));
      if (id == null) {
        return List.of();
      }
      out.add(new Step(PyValues.str(m.get("name")), id, PyValues.str(m.get("args"))));
    }
    return out;
  }

  /** Python int(x) for the types a loader yields; null where Python raises. */
  static Long pyInt(Object v) {
    try {
      return switch (v) {
        case Boolean b -> b ? 1L : 0L;
        case Double d -> new BigDecimal(d).longValueExact();
        case Number n -> new BigDecimal(n.toString()).toBigInteger().longValueExact();
        case String s when s.strip().matches("[+-]?\\d+(_\\d+)*") ->
            Long.parseLong(s.strip().replace("_", "").replace("+", ""));
        case null, default -> null;
      };
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  private static List<String> names(List<Step> plan) {
    return plan.stream().map(Step::name).toList();
  }

  private static List<String> args(List<Step> plan) {
    return plan.stream().map(Step::args).toList();
  }
}
