package io.acbench.contracts.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acbench.contracts.EventType;
import io.acbench.contracts.events.AcbenchEvent;
import io.acbench.contracts.events.CompressionFailed;
import io.acbench.contracts.events.CompressionProgress;
import io.acbench.contracts.events.EvaluationCompleted;
import io.acbench.contracts.events.EvaluationRequested;
import io.acbench.contracts.events.ModelReady;
import io.acbench.contracts.events.ProbeCompleted;
import io.acbench.contracts.events.SampleCompleted;
import io.acbench.contracts.events.TaskCompleted;
import io.acbench.contracts.events.TaskScored;
import io.acbench.contracts.events.VariantVerdict;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {

  static Stream<AcbenchEvent> oneOfEach() {
    return Stream.of(
        EvaluationRequested.of(
            "ev-1",
            "/models/qwen",
            "qwen2.5-0.5b",
            List.of(
                new EvaluationRequested.VariantSpec("gptq-w4", "gptq", Map.of("bits", "4")),
                new EvaluationRequested.VariantSpec("wanda-50", "wanda", Map.of())),
            List.of("worfbench/os", "teval/plan"),
            Map.of("worfbench.f1.relativeDrop", 0.1)),
        CompressionProgress.of("ev-1", "gptq-w4", "layer", 3, 24, 120),
        ModelReady.of(
            "ev-1", "gptq-w4", "gptq", "qwen-gptq-w4", "ab12", "/repo/qwen-gptq-w4", List.of("t")),
        CompressionFailed.of("ev-1", "awq-w4", "calibration file missing", false),
        SampleCompleted.of(
            "ev-1",
            "base",
            "teval/plan",
            "s-7",
            "cd34",
            "raw \"text\" ✓",
            "{\"a\":1}",
            "[1]",
            12,
            5,
            340),
        ProbeCompleted.of("ev-1", "base", "builtin-v1", "file:///p.bin", "ef56", 8, 4096),
        TaskCompleted.of("ev-1", "base", "teval/plan", "COMPLETED", 30, null),
        TaskScored.of("ev-1", "base", "teval/plan", "SCORED", 0.5, 0.4, 0.6, 30, null),
        EvaluationCompleted.of(
            "ev-1",
            "FAILED",
            List.of(
                new VariantVerdict("base", true, List.of()),
                new VariantVerdict("gptq-w4", false, List.of("teval drop 0.2 > 0.1"))),
            null));
  }

  @Test
  void everyEventTypeIsCovered() {
    Set<EventType> covered =
        oneOfEach()
            .map(EventType::of)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(EventType.class)));
    assertThat(covered).containsExactlyInAnyOrder(EventType.values());
  }

  @ParameterizedTest
  @MethodSource("oneOfEach")
  void jsonRoundTripGivesAnEqualEvent(AcbenchEvent event) {
    String json = EventJson.write(event);
    assertThat(EventJson.read(json, event.getClass())).isEqualTo(event);
  }

  @ParameterizedTest
  @MethodSource("oneOfEach")
  void unknownFieldsOfANewerSchemaVersionAreIgnored(AcbenchEvent event) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode node = (ObjectNode) mapper.readTree(EventJson.write(event));
    node.put("schemaVersion", event.schemaVersion() + 1);
    node.put("addedInVersion2", "x");
    node.putObject("nestedAddition").put("k", 1);
    AcbenchEvent read = EventJson.read(mapper.writeValueAsString(node), event.getClass());
    assertThat(read.schemaVersion()).isEqualTo(event.schemaVersion() + 1);
    assertThat(read.eventId()).isEqualTo(event.eventId());
    assertThat(read.naturalKey()).isEqualTo(event.naturalKey());
  }

  @ParameterizedTest
  @MethodSource("oneOfEach")
  void missingEvaluationIdIsRejectedNamingTheField(AcbenchEvent event) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode node = (ObjectNode) mapper.readTree(EventJson.write(event));
    node.remove("evaluationId");
    String json = mapper.writeValueAsString(node);
    assertThatThrownBy(() -> EventJson.read(json, event.getClass()))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining(EventType.of(event).topic())
        .hasMessageContaining("evaluationId");
  }

  @Test
  void optionalProbeFieldsRoundTripAndReadAsNullWhenAnOlderProducerOmitsThem() throws Exception {
    EvaluationRequested requested =
        EvaluationRequested.of("ev-2", "/m", "m", List.of(), List.of("t"), Map.of(), "builtin-v1");
    ModelReady ready =
        ModelReady.of(
            "ev-2", "base", "none", "m", "d", "/m", List.of("t"), "builtin-v1", "m-probe");
    ProbeCompleted failed = ProbeCompleted.failed("ev-2", "base", "builtin-v1", "no probe model");
    for (AcbenchEvent event : List.of(requested, ready, failed)) {
      assertThat(EventJson.read(EventJson.write(event), event.getClass())).isEqualTo(event);
    }
    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.resultUri()).isNull();

    ObjectMapper mapper = new ObjectMapper();
    ObjectNode oldRequest = (ObjectNode) mapper.readTree(EventJson.write(requested));
    oldRequest.remove("probeSetId");
    assertThat(
            EventJson.read(mapper.writeValueAsString(oldRequest), EvaluationRequested.class)
                .probeSetId())
        .isNull();
    ObjectNode oldReady = (ObjectNode) mapper.readTree(EventJson.write(ready));
    oldReady.remove("probeSetId");
    oldReady.remove("probeModelName");
    ModelReady readOld = EventJson.read(mapper.writeValueAsString(oldReady), ModelReady.class);
    assertThat(readOld.probeSetId()).isNull();
    assertThat(readOld.probeModelName()).isNull();
  }

  @Test
  void aSuccessfulProbeWithoutItsResultUriIsRejectedNamingTheField() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode node =
        (ObjectNode)
            mapper.readTree(
                EventJson.write(ProbeCompleted.of("ev-1", "base", "p", "file:///p", "ab", 1, 2)));
    node.remove("resultUri");
    assertThatThrownBy(() -> EventJson.read(mapper.writeValueAsString(node), ProbeCompleted.class))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining("resultUri");
  }

  @Test
  void malformedJsonIsRejectedWithTheTopicInTheMessage() {
    assertThatThrownBy(() -> EventJson.read("{not json", ModelReady.class))
        .isInstanceOf(EventFormatException.class)
        .hasMessageStartingWith("acbench.model.ready: malformed event");
    assertThatThrownBy(() -> EventJson.read("", ModelReady.class))
        .hasMessageContaining("empty payload");
  }

  @Test
  void wrongTypeOfAFieldIsRejectedNamingTheField() {
    String json =
        EventJson.write(CompressionProgress.of("ev", "v", "layer", 1, 2, 3))
            .replace("\"layerCount\":2", "\"layerCount\":\"two\"");
    assertThatThrownBy(() -> EventJson.read(json, CompressionProgress.class))
        .hasMessageContaining("layerCount");
  }

  @Test
  void listsInEventsAreImmutableCopies() {
    List<String> tasks = new java.util.ArrayList<>(List.of("a"));
    ModelReady ready = ModelReady.of("e", "v", "none", "m", "d", "u", tasks);
    tasks.add("b");
    assertThat(ready.taskIds()).containsExactly("a");
    assertThatThrownBy(() -> ready.taskIds().add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void missingPrimitiveFieldIsReportedAsMissing() {
    String json =
        EventJson.write(CompressionProgress.of("ev", "v", "layer", 1, 2, 3))
            .replace("\"layerCount\":2,", "");
    assertThatThrownBy(() -> EventJson.read(json, CompressionProgress.class))
        .hasMessageContaining("at field 'layerCount': missing field");
  }
}
