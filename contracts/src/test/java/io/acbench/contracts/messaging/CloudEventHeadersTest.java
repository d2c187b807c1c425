package io.acbench.contracts.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acbench.contracts.EventType;
import io.acbench.contracts.events.TaskCompleted;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

  @Test
  void binaryModeCarriesTheRequiredAttributes() {
    TaskCompleted event = TaskCompleted.of("ev-9", "base", "teval/plan", "COMPLETED", 3, null);
    var headers = CloudEventHeaders.of(event, "/acbench/task-runner");

    assertThat(CloudEventHeaders.get(headers, "ce_specversion")).isEqualTo("1.0");
    assertThat(CloudEventHeaders.get(headers, "ce_id")).isEqualTo(event.eventId());
    assertThat(CloudEventHeaders.get(headers, "ce_source")).isEqualTo("/acbench/task-runner");
    assertThat(CloudEventHeaders.get(headers, "ce_type")).isEqualTo("acbench.task.completed");
    assertThat(CloudEventHeaders.get(headers, "ce_time")).isEqualTo(event.occurredAt().toString());
    assertThat(CloudEventHeaders.get(headers, "ce_subject")).isEqualTo("ev-9/base/teval/plan");
    assertThat(CloudEventHeaders.get(headers, "content-type")).isEqualTo("application/json");
    assertThat(CloudEventHeaders.type(headers)).isEqualTo(EventType.TASK_COMPLETED);
  }

  @Test
  void missingOrUnknownTypeIsAClearError() {
    assertThatThrownBy(() -> CloudEventHeaders.type(new RecordHeaders()))
        .hasMessageContaining("ce_type");
    var headers = new RecordHeaders();
    headers.add("ce_type", "acbench.nope".getBytes());
    assertThatThrownBy(() -> CloudEventHeaders.type(headers)).hasMessageContaining("acbench.nope");
  }
}
