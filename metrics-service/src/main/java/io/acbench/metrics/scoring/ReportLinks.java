package io.acbench.metrics.scoring;

/**
 * Seam for the report renderer: when a bean of this type exists, {@code
 * acbench.evaluation.completed} carries the URI it gives for the finished evaluation's report.
 */
public interface ReportLinks {

  /** Where the report of {@code evaluationId} can be fetched. */
  String reportUri(String evaluationId);
}
