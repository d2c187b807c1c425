package io.acbench.tasksuite.task;

/**
 * One sample ready to run.
 *
 * @param sampleId the dataset record id
 * @param prompt the rendered prompt text sent to the model
 * @param promptDigest sha256 hex of {@code prompt} (UTF-8)
 * @param reference the reference answer as JSON text, in the shape the family's scorer reads
 */
public record PreparedSample(
    String sampleId, String prompt, String promptDigest, String reference) {}
