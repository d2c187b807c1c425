package io.acbench.compressor.recipe;

import io.acbench.compressor.awq.AwqParams;
import io.acbench.compressor.gptq.GptqParams;
import io.acbench.compressor.pruning.PruneParams;
import io.acbench.compressor.rtn.RtnParams;
import io.acbench.compressor.sparsegpt.SparseGptParams;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A validated compression recipe: the method, its resolved parameters (defaults filled in) and the
 * calibration shape. {@link #canonical()} lists every resolved parameter sorted by key, so two
 * requests that mean the same thing get the same artifact id.
 *
 * <p>Keys (snake_case; the CLI's {@code --group-size} is {@code group_size}): {@code bits} (4),
 * {@code group_size} (128, -1 per channel), {@code sym} (true), {@code act_order} (true), {@code
 * static_groups} (true), {@code percdamp} (0.01), {@code block_size} (128), {@code true_sequential}
 * (true), {@code duo_scaling} (false), {@code ratio} (0.5), {@code nm} (e.g. 2:4), {@code nsamples}
 * (128), {@code seqlen} (512), {@code seed} (0).
 */
public record CompressionSpec(Method method, SortedMap<String, String> canonicalParams) {

  private static final Set<String> CALIBRATION = Set.of("nsamples", "seqlen", "seed");
  private static final Map<Method, Set<String>> KEYS =
      Map.of(
          Method.NONE, Set.of(),
          Method.GPTQ,
              Set.of(
                  "bits",
                  "group_size",
                  "sym",
                  "act_order",
                  "static_groups",
                  "percdamp",
                  "block_size",
                  "true_sequential"),
          Method.RTN, Set.of("bits", "group_size", "sym"),
          Method.AWQ, Set.of("bits", "group_size", "duo_scaling"),
          Method.WANDA, Set.of("ratio", "nm"),
          Method.MAGNITUDE, Set.of("ratio", "nm"),
          Method.SPARSEGPT, Set.of("ratio", "nm", "percdamp", "block_size", "true_sequential"));

  private static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("bits", "4"),
          Map.entry("group_size", "128"),
          Map.entry("sym", "true"),
          Map.entry("act_order", "true"),
          Map.entry("static_groups", "true"),
          Map.entry("percdamp", "0.01"),
          Map.entry("block_size", "128"),
          Map.entry("true_sequential", "true"),
          Map.entry("duo_scaling", "false"),
          Map.entry("ratio", "0.5"),
          Map.entry("nsamples", "128"),
          Map.entry("seqlen", "512"),
          Map.entry("seed", "0"));

  public CompressionSpec {
    canonicalParams = new TreeMap<>(canonicalParams);
  }

  /**
   * Validates {@code params} for {@code methodName}; unknown keys and bad values fail with a
   * message naming the key and the rule.
   */
  public static CompressionSpec parse(String methodName, Map<String, String> params) {
    Method method = Method.parse(methodName);
    Set<String> allowed = KEYS.get(method);
    Map<String, String> given = new LinkedHashMap<>();
    params.forEach((k, v) -> given.put(k.trim().replace('-', '_'), v == null ? "" : v.trim()));
    for (String key : given.keySet()) {
      if (!allowed.contains(key) && (method == Method.NONE || !CALIBRATION.contains(key))) {
        throw new IllegalArgumentException(
            "parameter '"
                + key
                + "' is not supported for method "
                + method.id()
                + " (supported: "
                + (method == Method.NONE ? "none" : sortedUnion(allowed))
                + ")");
      }
    }
    SortedMap<String, String> resolved = new TreeMap<>();
    if (method != Method.NONE) {
      for (String key : allowed) {
        resolved.put(key, given.getOrDefault(key, DEFAULTS.get(key)));
      }
      for (String key : CALIBRATION) {
        resolved.put(key, given.getOrDefault(key, DEFAULTS.get(key)));
      }
    }
    if (resolved.containsKey("nm")) {
      String nm = resolved.get("nm");
      if (nm == null || nm.isEmpty()) {
        resolved.remove("nm");
      } else if (!given.containsKey("ratio")) {
        resolved.remove("ratio");
      }
    }
    CompressionSpec spec = new CompressionSpec(method, resolved);
    spec.validate();
    return spec;
  }

  private static String sortedUnion(Set<String> keys) {
    return new TreeMap<>(keys.stream().collect(Collectors.toMap(k -> k, k -> k)))
            .keySet().stream().collect(Collectors.joining(", "))
        + ", nsamples, seqlen, seed";
  }

  /** Builds every parameter record once, so that a bad value fails at parse time. */
  private void validate() {
    switch (method) {
      case GPTQ -> gptq();
      case RTN -> rtn();
      case AWQ -> awq();
      case WANDA, MAGNITUDE -> prune();
      case SPARSEGPT -> sparseGpt();
      case NONE -> {}
    }
    if (method != Method.NONE) {
      positive("nsamples");
      positive("seqlen");
      longValue("seed");
    }
    if (method.quantizes() && intValue("bits") != 4) {
      throw new IllegalArgumentException(
          "parameter 'bits' = "
              + intValue("bits")
              + ": the GPTQ and AWQ checkpoint formats written here hold 4-bit codes only");
    }
    if (method == Method.GPTQ && !bool("sym")) {
      throw new IllegalArgumentException(
          "parameter 'sym' = false: GPTQ output is written in the v1 format, which needs sym = true"
              + " (spec D4); use rtn with sym=false or awq for an asymmetric grid");
    }
  }

  /** {@code k=v,k=v} over the sorted resolved parameters, prefixed by the method. */
  public String canonical() {
    return method.id()
        + "?"
        + canonicalParams.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
  }

  public int nsamples() {
    return intValue("nsamples");
  }

  public int seqLen() {
    return intValue("seqlen");
  }

  public long seed() {
    return longValue("seed");
  }

  public boolean trueSequential() {
    return bool("true_sequential");
  }

  public GptqParams gptq() {
    return wrap(
        () ->
            new GptqParams(
                intValue("bits"),
                bool("sym"),
                intValue("group_size"),
                doubleValue("percdamp"),
                intValue("block_size"),
                bool("act_order"),
                bool("static_groups"),
                true,
                3));
  }

  public RtnParams rtn() {
    return wrap(() -> new RtnParams(intValue("bits"), bool("sym"), intValue("group_size"), true));
  }

  public AwqParams awq() {
    return wrap(
        () ->
            AwqParams.defaults()
                .withGroupSize(intValue("group_size"))
                .withDuoScaling(bool("duo_scaling")));
  }

  public PruneParams prune() {
    String nm = canonicalParams.get("nm");
    if (nm == null) {
      return wrap(() -> PruneParams.unstructured(doubleValue("ratio")));
    }
    String[] parts = nm.split(":");
    if (parts.length != 2) {
      throw new IllegalArgumentException("parameter 'nm' = '" + nm + "': expected N:M, e.g. 2:4");
    }
    int n = parse("nm", parts[0]);
    int m = parse("nm", parts[1]);
    PruneParams p = wrap(() -> PruneParams.nOfM(n, m));
    if (canonicalParams.containsKey("ratio") && Math.abs(doubleValue("ratio") - p.ratio()) > 1e-9) {
      throw new IllegalArgumentException(
          "parameters 'ratio' and 'nm' disagree: N:M " + nm + " prunes " + p.ratio());
    }
    return p;
  }

  public SparseGptParams sparseGpt() {
    PruneParams pattern = prune();
    return wrap(
        () -> new SparseGptParams(pattern, doubleValue("percdamp"), intValue("block_size"), 3));
  }

  private <T> T wrap(java.util.function.Supplier<T> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid parameters for " + method.id() + ": " + e.getMessage(), e);
    }
  }

  private int intValue(String key) {
    return parse(key, canonicalParams.get(key));
  }

  private void positive(String key) {
    if (intValue(key) < 1) {
      throw new IllegalArgumentException(
          "parameter '" + key + "' must be at least 1, got " + canonicalParams.get(key));
    }
  }

  private static int parse(String key, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException(
          "parameter '" + key + "' must be an integer, got '" + value + "'");
    }
  }

  private long longValue(String key) {
    try {
      return Long.parseLong(canonicalParams.get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "parameter '" + key + "' must be an integer, got '" + canonicalParams.get(key) + "'");
    }
  }

  private double doubleValue(String key) {
    try {
      return Double.parseDouble(canonicalParams.get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "parameter '" + key + "' must be a number, got '" + canonicalParams.get(key) + "'");
    }
  }

  private boolean bool(String key) {
    String v = canonicalParams.get(key);
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              "parameter '" + key + "' must be true or false, got '" + v + "'");
    };
  }
}
