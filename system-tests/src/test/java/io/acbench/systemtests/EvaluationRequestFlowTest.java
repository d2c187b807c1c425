package io.acbench.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.CompressionFailed;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.testing.kafka.KafkaTopicRecorder;
import io.acbench.testing.kafka.LocalKafkaBroker;
import io.acbench.testing.process.ServiceProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway and compressor-service, each in its own JVM, on a real broker: a REST call
 * to the gateway reaches the compressor's consumer through Kafka.
 */
class EvaluationRequestFlowTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static LocalKafkaBroker broker;
  private static ServiceProcess gateway;
  private static ServiceProcess compressor;

  @BeforeAll
  static void startPlatform() throws Exception {
    Path work = ROOT.resolve("system-tests/target/system-test");
    broker = LocalKafkaBroker.start(work.resolve("kafka"), 0, true, true);
    Map<String, String> kafka = Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    compressor =
        ServiceProcess.start(
            ROOT.resolve("compressor-service"), LocalKafkaBroker.freePort(), kafka, work);
    gateway =
        ServiceProcess.start(ROOT.resolve("gateway"), LocalKafkaBroker.freePort(), kafka, work);
  }

  @AfterAll
  static void stopPlatform() {
    for (AutoCloseable c : new AutoCloseable[] {gateway, compressor, broker}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception ignored) {
        // keep stopping the others
      }
    }
  }

  @Test
  void gatewayRequestReachesTheCompressorThroughTheBroker() throws Exception {
    String body =
        """
        {"baseModelUri": "/models/tiny", "tasks": ["teval/plan"],
         "variants": [{"id": "rtn-w4", "method": "rtn"}]}
        """;
    HttpResponse<String> response;
    try (HttpClient client = HttpClient.newHttpClient()) {
      response =
          client.send(
              HttpRequest.newBuilder(gateway.baseUri().resolve("/api/v1/evaluations"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    }
    assertThat(response.statusCode()).isEqualTo(202);
    Matcher id = Pattern.compile("\"evaluationId\":\"([^\"]+)\"").matcher(response.body());
    assertThat(id.find()).isTrue();
    String evaluationId = id.group(1);

    // The compressor's consumer counted the request...
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> receivedCount(compressor.get("/q/metrics")) == 1.0);

    // ...and answered for both variants, which the gateway's status reflects.
    try (var recorder =
        new KafkaTopicRecorder(broker.bootstrapServers(), List.of(Topics.COMPRESSION_FAILED))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  recorder.values(Topics.COMPRESSION_FAILED, v -> v.contains(evaluationId)).size()
                      == 2);
      assertThat(
              recorder.values(Topics.COMPRESSION_FAILED, v -> v.contains(evaluationId)).stream()
                  .map(v -> EventJson.read(v, CompressionFailed.class).variantId()))
          .containsExactlyInAnyOrder("base", "rtn-w4");
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> gateway.get("/api/v1/evaluations/" + evaluationId).contains("\"FAILED\""));
  }

  private static double receivedCount(String metrics) {
    Matcher m =
        Pattern.compile(
                "(?m)^acbench_compressor_evaluations_received_total(?:\\{[^}]*\\})? (\\S+)$")
            .matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }
}
