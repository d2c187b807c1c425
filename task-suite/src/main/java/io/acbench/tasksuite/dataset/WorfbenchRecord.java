package io.acbench.tasksuite.dataset;

/**
 * One record of a WorfBench {@code graph_eval.json} (benchmark-spec §3.1).
 *
 * @param id the record's {@code id}
 * @param source the scenario, e.g. {@code os}
 * @param system the first (system) message
 * @param user the user message: the task and the action list
 * @param gold the last assistant message: the gold workflow text
 */
public record WorfbenchRecord(String id, String source, String system, String user, String gold) {}
