package io.acbench.tasksuite.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import io.acbench.tasksuite.prompt.Turn;
import java.util.List;

/**
 * One record of a T-Eval {@code *_v2.json} (benchmark-spec §3.2).
 *
 * @param id the record's key, e.g. {@code query_60_0_3}
 * @param originPrompt the messages the data carries (system, user, assistant, function)
 * @param groundTruth the reference answer
 * @param metaData {@code meta_data}, with {@code response_format} json or str
 * @param template instruct records: JSON key names or string delimiters; null elsewhere
 * @param meta plan records: {@code prompt_type} and {@code API_list}; null elsewhere
 */
public record TevalRecord(
    String id,
    List<Turn> originPrompt,
    JsonNode groundTruth,
    JsonNode metaData,
    JsonNode template,
    JsonNode meta) {}
