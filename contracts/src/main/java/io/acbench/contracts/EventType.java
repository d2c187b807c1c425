package io.acbench.contracts;

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
import java.util.Arrays;

/** Each event class with its topic and its CloudEvents {@code type} attribute. */
public enum EventType {
  EVALUATION_REQUESTED(EvaluationRequested.class, Topics.EVALUATION_REQUESTED),
  COMPRESSION_PROGRESS(CompressionProgress.class, Topics.COMPRESSION_PROGRESS),
  MODEL_READY(ModelReady.class, Topics.MODEL_READY),
  COMPRESSION_FAILED(CompressionFailed.class, Topics.COMPRESSION_FAILED),
  SAMPLE_COMPLETED(SampleCompleted.class, Topics.SAMPLE_COMPLETED),
  PROBE_COMPLETED(ProbeCompleted.class, Topics.PROBE_COMPLETED),
  TASK_COMPLETED(TaskCompleted.class, Topics.TASK_COMPLETED),
  TASK_SCORED(TaskScored.class, Topics.TASK_SCORED),
  EVALUATION_COMPLETED(EvaluationCompleted.class, Topics.EVALUATION_COMPLETED);

  private final Class<? extends AcbenchEvent> eventClass;
  private final String topic;

  EventType(Class<? extends AcbenchEvent> eventClass, String topic) {
    this.eventClass = eventClass;
    this.topic = topic;
  }

  public Class<? extends AcbenchEvent> eventClass() {
    return eventClass;
  }

  public String topic() {
    return topic;
  }

  /** CloudEvents {@code type}: the topic name, which already reads as reverse-DNS-like. */
  public String cloudEventType() {
    return topic;
  }

  public static EventType of(AcbenchEvent event) {
    return of(event.getClass());
  }

  public static EventType of(Class<? extends AcbenchEvent> eventClass) {
    return Arrays.stream(values())
        .filter(t -> t.eventClass == eventClass)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not an event class: " + eventClass));
  }

  /** The event type whose CloudEvents type is {@code type}. */
  public static EventType ofCloudEventType(String type) {
    return Arrays.stream(values())
        .filter(t -> t.cloudEventType().equals(type))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown CloudEvents type: " + type));
  }
}
