package io.acbench.inference.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplingAndLogprobsTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void samplingJsonUsesSnakeCaseKeysAndNativeTypesAndOmitsUnset() throws Exception {
    SamplingParameters p =
        SamplingParameters.builder()
            .temperature(0.7)
            .topP(0.9)
            .topK(40)
            .seed(1234L)
            .maxTokens(64)
            .stop(List.of("\n\n", "Observation:"))
            .ignoreEos(false)
            .logprobs(5)
            .build();
    JsonNode n = json.readTree(p.toJson());
    assertThat(n.get("temperature").isDouble()).isTrue();
    assertThat(n.get("temperature").asDouble()).isEqualTo(0.7);
    assertThat(n.get("top_p").asDouble()).isEqualTo(0.9);
    assertThat(n.get("top_k").isInt()).isTrue();
    assertThat(n.get("seed").asLong()).isEqualTo(1234L);
    assertThat(n.get("max_tokens").asInt()).isEqualTo(64);
    assertThat(n.get("ignore_eos").isBoolean()).isTrue();
    assertThat(n.get("ignore_eos").asBoolean()).isFalse();
    assertThat(n.get("stop").get(1).asText()).isEqualTo("Observation:");
    assertThat(n.get("logprobs").asInt()).isEqualTo(5);
    assertThat(n.has("min_p")).isFalse();
    assertThat(n.size()).isEqualTo(8);
  }

  @Test
  void invalidSamplingNamesTheVllmKey() {
    assertThatThrownBy(() -> SamplingParameters.builder().topP(0).build())
        .hasMessage("sampling parameter top_p must be in (0, 1]");
    assertThatThrownBy(() -> SamplingParameters.builder().maxTokens(0).build())
        .hasMessage("sampling parameter max_tokens must be >= 1");
    assertThatThrownBy(() -> SamplingParameters.builder().temperature(-0.1).build())
        .hasMessage("sampling parameter temperature must be >= 0");
  }

  @Test
  void logprobsJsonParsesPositionsInKeyOrder() {
    String j =
        "[{\"15\": {\"logprob\": -0.25, \"rank\": 1, \"decoded_token\": \"Hi\"},"
            + " \"7\": {\"logprob\": -1.75, \"rank\": 2, \"decoded_token\": \" there\"}},"
            + " {\"3\": {\"logprob\": -Infinity, \"rank\": 3, \"decoded_token\": \"!\"}}]";
    List<List<TokenLogprob>> p = LogprobsJson.parse(j);
    assertThat(p).hasSize(2);
    assertThat(p.get(0))
        .containsExactly(
            new TokenLogprob(15, -0.25, 1, "Hi"), new TokenLogprob(7, -1.75, 2, " there"));
    assertThat(p.get(1).get(0).logprob()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(LogprobsJson.parse("null")).isEmpty();
    assertThatThrownBy(() -> LogprobsJson.parse("[{\"x\": {\"logprob\": 1}}]"))
        .hasMessageContaining("logprobs key must be a token id, got 'x'");
  }
}
