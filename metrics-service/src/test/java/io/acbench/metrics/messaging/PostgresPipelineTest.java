package io.acbench.metrics.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.acbench.contracts.Topics;
import io.acbench.metrics.store.PostgresTestResource;
import io.acbench.testing.kafka.KafkaBrokerTestResource;
import io.acbench.testing.kafka.KafkaTopicRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The service on its production database: Flyway migrates PostgreSQL at start; events score. */
@QuarkusTest
@TestProfile(PostgresPipelineTest.OnPostgres.class)
@WithTestResource(KafkaBrokerTestResource.class)
class PostgresPipelineTest {

  /** Adds the PostgreSQL test resource to this test class only. */
  public static class OnPostgres implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(PostgresTestResource.class));
    }
  }

  private final String bootstrap = KafkaBrokerTestResource.sharedBootstrapServers();

  @Test
  void anEvaluationIsScoredAndServedFromPostgres() {
    String ev = "ev-" + UUID.randomUUID();
    Campaign c =
        new Campaign(ev)
            .task("base", "exact/a", true, true)
            .task("rtn", "exact/a", true, false)
            .requested(ev, List.of("exact/a"), Map.of());
    try (var recorder = new KafkaTopicRecorder(bootstrap, List.of(Topics.EVALUATION_COMPLETED));
        var sender = new EventSender(bootstrap)) {
      c.all().forEach(sender::send);
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> ScoringPipelineTest.completed(recorder, ev).size() == 1);
    }
    var json = given().get("/api/v1/results/{id}", ev).then().statusCode(200).extract().jsonPath();
    // rtn: 1 of 2 right against base 2 of 2, a 50% drop
    assertThat(json.getString("status")).isEqualTo("FAILED");
    assertThat(json.getDouble("results.find { it.variantId == 'rtn' }.score"))
        .isCloseTo(0.5, within(1e-6));
  }
}
