package io.acbench.inference.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoundRobinTest {

  private FakeTritonServer a;
  private FakeTritonServer b;

  @BeforeEach
  void start() throws Exception {
    a = FakeTritonServer.start();
    b = FakeTritonServer.start();
  }

  @AfterEach
  void stop() throws Exception {
    a.close();
    b.close();
  }

  private TritonClient client(SimpleMeterRegistry registry) {
    return new TritonClient(
        TritonClientConfig.of(a.target() + ", " + b.target())
            .withDeadlines(Deadlines.all(Duration.ofSeconds(5)))
            .withRetry(UnaryCallsTest.FAST_RETRIES)
            .withMeterRegistry(registry));
  }

  @Test
  void callsAlternateBetweenTwoServers() {
    try (TritonClient client = client(new SimpleMeterRegistry())) {
      for (int i = 0; i < 10; i++) {
        assertThat(client.serverLive()).isTrue();
      }
    }
    assertThat(a.service.callCount(Rpc.SERVER_LIVE)).isEqualTo(5);
    assertThat(b.service.callCount(Rpc.SERVER_LIVE)).isEqualTo(5);
  }

  @Test
  void aDeadServerIsSkippedForItsCoolDown() throws Exception {
    b.close();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (TritonClient client = client(registry)) {
      for (int i = 0; i < 10; i++) {
        assertThat(client.serverLive()).isTrue();
      }
    }
    assertThat(a.service.callCount(Rpc.SERVER_LIVE)).isEqualTo(10);
    // Only the first call that met the dead server paid a retry; then it was skipped.
    assertThat(
            registry
                .counter(
                    ClientMetrics.RETRIES,
                    "rpc",
                    "ServerLive",
                    "model",
                    "none",
                    "code",
                    "UNAVAILABLE")
                .count())
        .isEqualTo(1.0);
    assertThat(registry.counter(ClientMetrics.COOLDOWNS, "endpoint", b.target()).count())
        .isEqualTo(1.0);
  }

  @Test
  void generationsAlsoSkipADeadServer() throws Exception {
    b.close();
    a.service.streamScript = r -> List.of(Responses.delta(r.getId(), "ok", 1, true));
    try (TritonClient client = client(new SimpleMeterRegistry())) {
      for (int i = 0; i < 4; i++) {
        GenerationResult r =
            client
                .generateAsync(
                    GenerationRequest.streaming("llm", "p", SamplingParameters.greedy(4)))
                .get();
        assertThat(r.text()).isEqualTo("ok");
      }
    }
    assertThat(a.service.callCount(Rpc.MODEL_STREAM_INFER)).isEqualTo(4);
  }

  @Test
  void endpointsAreValidated() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TritonClientConfig.of("localhost"))
        .hasMessage("endpoint must be host:port, got 'localhost'");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TritonClientConfig.of("h:70000"))
        .hasMessageContaining("endpoint port must be an integer in [1, 65535]");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TritonClientConfig.of(" , "))
        .hasMessage("endpoints must list at least one host:port");
  }
}
