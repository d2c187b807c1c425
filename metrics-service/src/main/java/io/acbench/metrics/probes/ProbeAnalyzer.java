package io.acbench.metrics.probes;

import io.acbench.contracts.probe.ProbeResult;
import io.acbench.metrics.analysis.ProbeComparison;
import io.acbench.metrics.probes.ProbeFileLoader.ProbeLoadException;
import io.acbench.metrics.store.EvaluationRecord;
import io.acbench.metrics.store.ProbeAnalysisRecord;
import io.acbench.metrics.store.ProbeRecord;
import io.acbench.metrics.store.ResultsRepository;
import io.acbench.metrics.store.StoreJson;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Runs the logits-level analysis of an (evaluation, probe set) as soon as its inputs are stored:
 * the base's own ERank once the base's probe succeeded, and each compressed variant against the
 * base once both probes succeeded. Every analysis is written once ({@code probe_analyses}); a file
 * that is missing, corrupt, fails its digest or holds other inputs than the base's gives a {@code
 * FAILED} analysis with the reason, and nothing else is affected. Called after every probe ingest
 * (replays included), so the arrival order of base and variants does not matter.
 */
@ApplicationScoped
public class ProbeAnalyzer {

  private static final Logger LOG = Logger.getLogger(ProbeAnalyzer.class);

  private final ResultsRepository results;
  private final MeterRegistry registry;

  public ProbeAnalyzer(ResultsRepository results, MeterRegistry registry) {
    this.results = results;
    this.registry = registry;
  }

  /** Computes and stores every analysis of the probe set whose inputs are stored and not done. */
  public void analyzeReady(String evaluationId, String probeSetId) {
    List<ProbeRecord> probes =
        results.probes(evaluationId).stream()
            .filter(p -> p.probeSetId().equals(probeSetId) && p.succeeded())
            .toList();
    Optional<ProbeRecord> base =
        probes.stream().filter(p -> p.variantId().equals(EvaluationRecord.BASE)).findFirst();
    if (base.isEmpty()) {
      return;
    }
    Set<String> done =
        results.probeAnalyses(evaluationId).stream()
            .filter(a -> a.probeSetId().equals(probeSetId))
            .map(ProbeAnalysisRecord::variantId)
            .collect(Collectors.toSet());
    List<ProbeRecord> todo = probes.stream().filter(p -> !done.contains(p.variantId())).toList();
    if (todo.isEmpty()) {
      return;
    }
    ProbeResult baseResult = null;
    String baseFailure = null;
    try {
      baseResult = ProbeFileLoader.load(base.get());
    } catch (ProbeLoadException e) {
      baseFailure = e.getMessage();
    }
    for (ProbeRecord p : todo) {
      ProbeAnalysisRecord analysis =
          baseFailure != null
              ? ProbeAnalysisRecord.failed(
                  evaluationId, p.variantId(), probeSetId, "base " + baseFailure)
              : analyze(p, baseResult);
      if (results.saveProbeAnalysisOnce(analysis)) {
        registry
            .counter("acbench.metrics.analyses", "outcome", analysis.stored() ? "stored" : "failed")
            .increment();
        if (!analysis.stored()) {
          LOG.warnf(
              "analysis of %s/%s on %s failed: %s",
              evaluationId, p.variantId(), probeSetId, analysis.failureReason());
        }
      }
    }
  }

  private ProbeAnalysisRecord analyze(ProbeRecord probe, ProbeResult base) {
    String ev = probe.evaluationId();
    String variant = probe.variantId();
    String set = probe.probeSetId();
    Timer.Sample timing = Timer.start(registry);
    try {
      if (variant.equals(EvaluationRecord.BASE)) {
        AnalysisDocuments.BaseDocument doc = AnalysisDocuments.base(set, base);
        return new ProbeAnalysisRecord(
            ev,
            variant,
            set,
            ProbeAnalysisRecord.STORED,
            doc.erank(),
            null,
            null,
            StoreJson.write(doc),
            null);
      }
      ProbeResult result = ProbeFileLoader.load(probe);
      ProbeComparison c = ProbeComparison.of(base, result);
      AnalysisDocuments.VariantDocument doc = AnalysisDocuments.variant(set, result, c);
      return new ProbeAnalysisRecord(
          ev,
          variant,
          set,
          ProbeAnalysisRecord.STORED,
          c.erank().variant(),
          c.erank().diff(),
          AnalysisDocuments.orNull(c.kl().mean()),
          StoreJson.write(doc),
          null);
    } catch (ProbeLoadException e) {
      return ProbeAnalysisRecord.failed(ev, variant, set, e.getMessage());
    } catch (RuntimeException e) {
      // e.g. the two files hold different probe inputs (ProbeAlignment names the difference)
      return ProbeAnalysisRecord.failed(
          ev, variant, set, "analysis of " + variant + " against base failed: " + e.getMessage());
    } finally {
      timing.stop(registry.timer("acbench.metrics.analysis.duration"));
    }
  }
}
