package io.acbench.inference.client;

import java.time.Duration;
import java.util.Objects;

/**
 * The deadline per call kind. A deadline covers the whole call including its retries: a retry never
 * extends the budget the caller gave.
 *
 * @param health ServerLive, ServerReady, ModelReady
 * @param metadata ServerMetadata, ModelMetadata, ModelConfig, ModelStatistics, RepositoryIndex
 * @param infer ModelInfer (probe calls)
 * @param generation one whole generation over ModelStreamInfer, first to last response
 * @param repository RepositoryModelLoad and RepositoryModelUnload (a load blocks until done, and an
 *     LLM load takes minutes)
 */
public record Deadlines(
    Duration health, Duration metadata, Duration infer, Duration generation, Duration repository) {

  public Deadlines {
    requirePositive(health, "health");
    requirePositive(metadata, "metadata");
    requirePositive(infer, "infer");
    requirePositive(generation, "generation");
    requirePositive(repository, "repository");
  }

  /** Health 5 s, metadata 10 s, infer 120 s, generation 600 s, repository 900 s. */
  public static Deadlines defaults() {
    return new Deadlines(
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(120),
        Duration.ofSeconds(600),
        Duration.ofSeconds(900));
  }

  /** The same deadline for every kind of call (tests). */
  public static Deadlines all(Duration d) {
    return new Deadlines(d, d, d, d, d);
  }

  public Deadlines withGeneration(Duration d) {
    return new Deadlines(health, metadata, infer, d, repository);
  }

  public Deadlines withInfer(Duration d) {
    return new Deadlines(health, metadata, d, generation, repository);
  }

  static void requirePositive(Duration d, String field) {
    Objects.requireNonNull(d, field);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + " must be a positive duration, got " + d);
    }
  }
}
