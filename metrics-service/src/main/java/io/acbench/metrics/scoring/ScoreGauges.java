package io.acbench.metrics.scoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauge {@code acbench.metrics.task.score{model, variant, task}}: the latest score of each (model,
 * variant, task); a later evaluation of the same triple replaces the value.
 */
@ApplicationScoped
public class ScoreGauges {

  static final String NAME = "acbench.metrics.task.score";

  private final MeterRegistry registry;
  private final Map<List<String>, AtomicLong> latest = new ConcurrentHashMap<>();

  public ScoreGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  public void set(String model, String variant, String task, double score) {
    List<String> key = List.of(model == null ? "unknown" : model, variant, task);
    AtomicLong bits =
        latest.computeIfAbsent(
            key,
            k -> {
              AtomicLong holder = new AtomicLong();
              Gauge.builder(NAME, holder, h -> Double.longBitsToDouble(h.get()))
                  .description("Latest task score per model, variant and task")
                  .tags("model", k.get(0), "variant", k.get(1), "task", k.get(2))
                  .register(registry);
              return holder;
            });
    bits.set(Double.doubleToLongBits(score));
  }
}
