package io.acbench.metrics.report;

import com.fasterxml.jackson.core.type.TypeReference;
import io.acbench.contracts.events.VariantVerdict;
import io.acbench.metrics.probes.AnalysisDocuments;
import io.acbench.metrics.statistics.BootstrapSpec;
import io.acbench.metrics.statistics.Capabilities;
import io.acbench.metrics.statistics.Change;
import io.acbench.metrics.statistics.PairedComparison;
import io.acbench.metrics.store.EvaluationRecord;
import io.acbench.metrics.store.ProbeAnalysisRecord;
import io.acbench.metrics.store.ProbeRecord;
import io.acbench.metrics.store.ResultsRepository;
import io.acbench.metrics.store.SampleRecord;
import io.acbench.metrics.store.StoreJson;
import io.acbench.metrics.store.TaskResultRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the {@link ReportModel} of an evaluation from the results store: task and capability
 * scores with changes against the base and paired tests, the needle heat map (when needle samples
 * carry their grid cell), and the probe analyses (ERank, top-k curves, energy, KL). Only what the
 * evaluation produced appears; a pending evaluation is marked as such.
 */
public final class ReportAssembler {

  /** Sample metrics that place a needle sample in the heat map. */
  static final String NEEDLE_LENGTH = "context_length";

  static final String NEEDLE_DEPTH = "depth_percent";

  private final ResultsRepository results;

  public ReportAssembler(ResultsRepository results) {
    this.results = results;
  }

  /** The report model, or empty when the store knows nothing of the evaluation. */
  public Optional<ReportModel> assemble(String evaluationId) {
    Optional<EvaluationRecord> evaluation = results.evaluation(evaluationId);
    List<TaskResultRecord> tasks = results.taskResults(evaluationId);
    List<ProbeRecord> probes = results.probes(evaluationId);
    List<ProbeAnalysisRecord> analyses = results.probeAnalyses(evaluationId);
    if (evaluation.isEmpty() && tasks.isEmpty() && probes.isEmpty()) {
      return Optional.empty();
    }
    Optional<Map.Entry<String, String>> outcome = results.evaluationResult(evaluationId);
    List<ReportModel.Variant> variants = variants(evaluation, tasks, probes);
    List<String> notes = new ArrayList<>();
    String title = "ACBench report: " + evaluation.map(this::modelName).orElse(evaluationId);
    if (outcome.isEmpty()) {
      title += " (pending)";
      notes.add(
          "PENDING: the evaluation is not complete; this report shows the results stored so far.");
    } else {
      notes.add("Status: " + outcome.get().getKey() + ".");
      verdictNotes(outcome.get().getValue(), notes);
    }
    results
        .compressionFailures(evaluationId)
        .forEach(f -> notes.add(f.variantId() + ": compression failed: " + f.reason()));
    tasks.stream()
        .filter(t -> !t.scored())
        .forEach(
            t -> notes.add(t.variantId() + " " + t.taskId() + " not scored: " + t.failureReason()));
    probes.stream()
        .filter(p -> !p.succeeded())
        .forEach(p -> notes.add(p.variantId() + ": probe failed: " + p.error()));
    analyses.stream()
        .filter(a -> !a.stored())
        .forEach(a -> notes.add(a.variantId() + ": analysis failed: " + a.failureReason()));

    List<ReportModel.TaskScore> taskScores = taskScores(evaluationId, tasks);
    ProbeSection probeSection = probeSection(analyses, notes);
    return Optional.of(
        new ReportModel(
            title,
            evaluationId,
            evaluation.map(EvaluationRecord::baseModelUri).orElse("(request not stored yet)"),
            variants,
            taskScores,
            capabilityScores(variants, tasks),
            needleGrids(evaluationId, tasks),
            probeSection.energy,
            probeSection.curves,
            probeSection.eranks,
            notes));
  }

  private String modelName(EvaluationRecord e) {
    return e.modelName() == null ? e.baseModelUri() : e.modelName();
  }

  private static List<ReportModel.Variant> variants(
      Optional<EvaluationRecord> evaluation,
      List<TaskResultRecord> tasks,
      List<ProbeRecord> probes) {
    Set<String> ids = new LinkedHashSet<>();
    ids.add(EvaluationRecord.BASE);
    evaluation.ifPresent(e -> ids.addAll(e.variantIds()));
    tasks.forEach(t -> ids.add(t.variantId()));
    probes.forEach(p -> ids.add(p.variantId()));
    return ids.stream()
        .map(id -> new ReportModel.Variant(id, id, id.equals(EvaluationRecord.BASE)))
        .toList();
  }

  private static void verdictNotes(String verdictsJson, List<String> notes) {
    List<VariantVerdict> verdicts =
        StoreJson.read(verdictsJson, new TypeReference<List<VariantVerdict>>() {});
    for (VariantVerdict v : verdicts) {
      notes.add(
          "Verdict "
              + v.variantId()
              + ": "
              + (v.passed() ? "passed" : "failed: " + String.join("; ", v.reasons())));
    }
  }

  private List<ReportModel.TaskScore> taskScores(
      String evaluationId, List<TaskResultRecord> tasks) {
    Map<String, TaskResultRecord> base = new LinkedHashMap<>();
    tasks.stream()
        .filter(t -> t.variantId().equals(EvaluationRecord.BASE) && t.scored())
        .forEach(t -> base.put(t.taskId(), t));
    List<ReportModel.TaskScore> out = new ArrayList<>();
    for (TaskResultRecord t : tasks.stream().filter(TaskResultRecord::scored).toList()) {
      TaskResultRecord b = base.get(t.taskId());
      boolean compare = b != null && !t.variantId().equals(EvaluationRecord.BASE);
      Change change = compare ? Change.of(b.score(), t.score()) : null;
      PairedComparison paired = compare ? paired(evaluationId, t) : null;
      out.add(
          new ReportModel.TaskScore(
              t.variantId(),
              t.taskId(),
              Capabilities.capabilityOf(t.taskId()),
              new ReportModel.Score(
                  t.score(),
                  t.ciLow(),
                  t.ciHigh(),
                  change == null ? null : change.absolute(),
                  change == null ? null : change.relative(),
                  paired == null ? null : paired.pValue(),
                  paired == null ? null : paired.test()),
              t.sampleCount(),
              paired == null ? null : paired.correctToWrong(),
              paired == null ? null : paired.wrongToCorrect()));
    }
    return out;
  }

  private PairedComparison paired(String evaluationId, TaskResultRecord variant) {
    Map<String, Double> b = sampleScores(evaluationId, EvaluationRecord.BASE, variant.taskId());
    Map<String, Double> v = sampleScores(evaluationId, variant.variantId(), variant.taskId());
    if (b.keySet().stream().noneMatch(v::containsKey)) {
      return null;
    }
    return PairedComparison.compare(
        b, v, BootstrapSpec.DEFAULT, PairedComparison.DEFAULT_PASS_THRESHOLD);
  }

  private Map<String, Double> sampleScores(String evaluationId, String variant, String task) {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (SampleRecord s : results.samples(evaluationId, variant, task)) {
      if (s.score() != null) {
        scores.put(s.sampleId(), s.score());
      }
    }
    return scores;
  }

  private static List<ReportModel.CapabilityScore> capabilityScores(
      List<ReportModel.Variant> variants, List<TaskResultRecord> tasks) {
    Map<String, Map<String, Double>> byVariant = new LinkedHashMap<>();
    for (ReportModel.Variant v : variants) {
      Map<String, Double> taskScores = new LinkedHashMap<>();
      tasks.stream()
          .filter(t -> t.variantId().equals(v.id()) && t.scored())
          .forEach(t -> taskScores.put(t.taskId(), t.score()));
      if (!taskScores.isEmpty()) {
        byVariant.put(v.id(), Capabilities.scores(taskScores));
      }
    }
    Map<String, Double> base = byVariant.getOrDefault(EvaluationRecord.BASE, Map.of());
    List<ReportModel.CapabilityScore> out = new ArrayList<>();
    byVariant.forEach(
        (variant, scores) ->
            scores.forEach(
                (capability, score) -> {
                  Double b = variant.equals(EvaluationRecord.BASE) ? null : base.get(capability);
                  Change c = b == null ? null : Change.of(b, score);
                  out.add(
                      new ReportModel.CapabilityScore(
                          variant,
                          capability,
                          new ReportModel.Score(
                              score,
                              null,
                              null,
                              c == null ? null : c.absolute(),
                              c == null ? null : c.relative(),
                              null,
                              null)));
                }));
    return out;
  }

  private record ProbeSection(
      List<ReportModel.EnergyHistogram> energy,
      List<ReportModel.TopKCurve> curves,
      List<ReportModel.ERankEntry> eranks) {}

  private static ProbeSection probeSection(List<ProbeAnalysisRecord> analyses, List<String> notes) {
    List<ReportModel.EnergyHistogram> energy = new ArrayList<>();
    List<ReportModel.TopKCurve> curves = new ArrayList<>();
    List<ReportModel.ERankEntry> eranks = new ArrayList<>();
    List<ProbeAnalysisRecord> stored =
        analyses.stream().filter(ProbeAnalysisRecord::stored).toList();
    Set<String> probeSets = new LinkedHashSet<>();
    stored.forEach(a -> probeSets.add(a.probeSetId()));
    boolean klShown = false;
    for (ProbeAnalysisRecord a : stored) {
      String suffix = probeSets.size() > 1 ? " [" + a.probeSetId() + "]" : "";
      if (a.variantId().equals(EvaluationRecord.BASE)) {
        eranks.addFirst(new ReportModel.ERankEntry(a.variantId(), a.erank(), null, null));
        continue;
      }
      AnalysisDocuments.VariantDocument doc =
          StoreJson.read(a.resultJson(), new TypeReference<AnalysisDocuments.VariantDocument>() {});
      eranks.add(new ReportModel.ERankEntry(a.variantId(), a.erank(), a.diffERank(), a.meanKl()));
      klShown |= a.meanKl() != null;
      Map<String, double[]> densities = new LinkedHashMap<>();
      densities.put(EvaluationRecord.BASE, doc.energy().base());
      densities.put(a.variantId(), doc.energy().variant());
      energy.add(
          new ReportModel.EnergyHistogram(
              "all positions, " + a.variantId() + " vs base" + suffix,
              doc.energy().edges(),
              densities));
      for (AnalysisDocuments.Curve c : doc.topKCurves()) {
        double[] kendall = AnalysisDocuments.array(c.kendall());
        if (c.meanKendall() == null && c.meanSpearman() == null) {
          continue;
        }
        curves.add(
            new ReportModel.TopKCurve(
                a.variantId(), c.k(), kendall, AnalysisDocuments.array(c.spearman())));
      }
      if (!doc.referenceLogits()) {
        notes.add(
            a.variantId()
                + ": the probe file has no logits at the base's top-k ids; top-k correlation"
                + " and KL use the positions where the variant's own top-k holds them");
      }
    }
    if (klShown) {
      notes.add(
          "KL is KL(base ‖ variant) of the distributions coarsened to the base's top-k tokens"
              + " and 'any other token': a lower bound of the full KL.");
    }
    return new ProbeSection(energy, curves, eranks);
  }

  private List<ReportModel.NeedleGrid> needleGrids(
      String evaluationId, List<TaskResultRecord> tasks) {
    List<ReportModel.NeedleGrid> grids = new ArrayList<>();
    Map<String, List<SampleRecord>> byVariant = new LinkedHashMap<>();
    for (TaskResultRecord t : tasks) {
      String family = Capabilities.family(t.taskId());
      if (family.equals("needle") || family.equals("niah")) {
        byVariant
            .computeIfAbsent(t.variantId(), k -> new ArrayList<>())
            .addAll(results.samples(evaluationId, t.variantId(), t.taskId()));
      }
    }
    byVariant.forEach((variant, samples) -> NeedleGrids.of(variant, samples).ifPresent(grids::add));
    return grids;
  }
}
