package io.acbench.tasksuite.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import io.acbench.tasksuite.dataset.Json;
import io.acbench.tasksuite.dataset.WorfbenchRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The WorfBench two-shot prompt (benchmark-spec §3.1): the record's system message, the scenario's
 * fixed example pair (user, assistant, user, assistant), then the record's user message prefixed
 * with {@code "Now it's your turn.\n"}; no assistant cue. The example pairs are the project's own
 * ({@code /worfbench/two_shot_examples.json}), written in the upstream format.
 */
public final class WorfbenchPrompts {

  /** Prefix of the record's user message. */
  public static final String YOUR_TURN = "Now it's your turn.\n";

  private static final JsonNode EXAMPLES = readExamples();

  private WorfbenchPrompts() {}

  /** The messages for a record of {@code scenario}. */
  public static List<Turn> messages(String scenario, WorfbenchRecord record) {
    JsonNode ex = EXAMPLES.get(scenario);
    if (ex == null) {
      throw new IllegalArgumentException(
          "no two-shot examples for WorfBench scenario '" + scenario + "'");
    }
    return List.of(
        new Turn("system", record.system()),
        new Turn("user", ex.get("user1").asText()),
        new Turn("assistant", ex.get("assistant1").asText()),
        new Turn("user", ex.get("user2").asText()),
        new Turn("assistant", ex.get("assistant2").asText()),
        new Turn("user", YOUR_TURN + record.user()));
  }

  /** Scenarios that have an example pair. */
  public static boolean hasScenario(String scenario) {
    return EXAMPLES.has(scenario);
  }

  private static JsonNode readExamples() {
    try (InputStream in =
        WorfbenchPrompts.class.getResourceAsStream("/worfbench/two_shot_examples.json")) {
      if (in == null) {
        throw new IllegalStateException("missing resource /worfbench/two_shot_examples.json");
      }
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the WorfBench examples", e);
    }
  }
}
