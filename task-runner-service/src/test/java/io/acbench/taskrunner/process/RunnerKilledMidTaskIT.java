package io.acbench.taskrunner.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.ModelReady;
import io.acbench.contracts.events.SampleCompleted;
import io.acbench.contracts.events.TaskCompleted;
import io.acbench.contracts.messaging.CloudEventHeaders;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.testing.kafka.KafkaTopicRecorder;
import io.acbench.testing.kafka.LocalKafkaBroker;
import io.acbench.testing.process.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The packaged task runner, in its own JVM, is killed with SIGKILL ({@code
 * ProcessHandle.destroyForcibly}) while it waits on the model mid-task, then started again on the
 * same state directory: the task completes, every sample arrives, and a sample that arrives twice
 * carries the same content both times.
 */
class RunnerKilledMidTaskIT {

  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final int SAMPLES = 36;
  private static final int ANSWERED_BEFORE_KILL = 12;

  @Test
  void aRunnerKilledMidTaskResumesWithNoSampleLostAndNoneChanged() throws Exception {
    Path work = MODULE.resolve("target/it-" + UUID.randomUUID());
    String evaluationId = "ev-" + UUID.randomUUID();
    try (LocalKafkaBroker broker = LocalKafkaBroker.start(work.resolve("kafka"), 0, true, true);
        GatedModelServer model = new GatedModelServer(ANSWERED_BEFORE_KILL);
        KafkaTopicRecorder recorder =
            new KafkaTopicRecorder(
                broker.bootstrapServers(),
                List.of(Topics.SAMPLE_COMPLETED, Topics.TASK_COMPLETED))) {
      Map<String, String> props =
          Map.of(
              "kafka.bootstrap.servers",
              broker.bootstrapServers(),
              "acbench.task-runner.inference-endpoints",
              model.target(),
              "acbench.task-runner.state-dir",
              work.resolve("state").toString(),
              "acbench.task-runner.max-in-flight",
              "2",
              "mp.messaging.connector.smallrye-kafka.session.timeout.ms",
              "6000",
              "mp.messaging.connector.smallrye-kafka.heartbeat.interval.ms",
              "1000");
      ServiceProcess first =
          ServiceProcess.start(MODULE, LocalKafkaBroker.freePort(), props, work.resolve("first"));
      ModelReady ready =
          ModelReady.of(
              evaluationId, "rtn-w4", "rtn", "tiny-rtn", "sha-it", "/m", List.of("worfbench/os"));
      KafkaTopicRecorder.send(
          broker.bootstrapServers(),
          Topics.MODEL_READY,
          evaluationId,
          EventJson.write(ready),
          CloudEventHeaders.of(ready, "/it"));

      // the model answered 12 requests and holds the next ones: the runner is mid-task
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () ->
                  model.started() > ANSWERED_BEFORE_KILL
                      && samples(recorder, evaluationId).size() >= ANSWERED_BEFORE_KILL - 2);
      ProcessHandle runner = runnerProcess();
      runner.destroyForcibly();
      runner.onExit().get();
      first.close();
      int beforeRestart = samples(recorder, evaluationId).size();
      assertThat(beforeRestart).isLessThan(SAMPLES);
      assertThat(tasks(recorder, evaluationId)).isEmpty();

      model.open();
      try (ServiceProcess second =
          ServiceProcess.start(
              MODULE, LocalKafkaBroker.freePort(), props, work.resolve("second"))) {
        await()
            .atMost(Duration.ofSeconds(180))
            .until(() -> !tasks(recorder, evaluationId).isEmpty());
      }
      List<TaskCompleted> done = tasks(recorder, evaluationId);
      assertThat(done).extracting(TaskCompleted::status).containsOnly("COMPLETED");
      assertThat(done.getFirst().sampleCount()).isEqualTo(SAMPLES);

      List<SampleCompleted> all = samples(recorder, evaluationId);
      Map<String, Set<List<Object>>> contents =
          all.stream()
              .collect(
                  Collectors.groupingBy(
                      SampleCompleted::sampleId,
                      Collectors.mapping(
                          s ->
                              List.<Object>of(
                                  s.promptDigest(),
                                  s.rawOutput(),
                                  String.valueOf(s.parsedOutput()),
                                  s.reference(),
                                  s.promptTokens(),
                                  s.completionTokens(),
                                  s.latencyMillis()),
                          Collectors.toSet())));
      assertThat(contents).hasSize(SAMPLES);
      assertThat(contents.values()).allSatisfy(c -> assertThat(c).hasSize(1));
      // only samples acknowledged but not yet journaled at the kill can come twice
      assertThat(all.size() - SAMPLES).isBetween(0, 2);
    }
  }

  /** The packaged runner's JVM among this JVM's children (ServiceProcess keeps its Process). */
  private static ProcessHandle runnerProcess() {
    return ProcessHandle.current()
        .children()
        .filter(p -> p.info().commandLine().orElse("").contains("QuarkusEntryPoint"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no task-runner process found"));
  }

  private static List<SampleCompleted> samples(KafkaTopicRecorder r, String evaluationId) {
    return r.values(Topics.SAMPLE_COMPLETED, v -> v.contains(evaluationId)).stream()
        .map(v -> EventJson.read(v, SampleCompleted.class))
        .toList();
  }

  private static List<TaskCompleted> tasks(KafkaTopicRecorder r, String evaluationId) {
    return r.values(Topics.TASK_COMPLETED, v -> v.contains(evaluationId)).stream()
        .map(v -> EventJson.read(v, TaskCompleted.class))
        .toList();
  }
}
