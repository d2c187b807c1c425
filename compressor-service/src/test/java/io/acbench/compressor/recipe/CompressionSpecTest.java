package io.acbench.compressor.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CompressionSpecTest {

  @Test
  void defaultsAreFilledInSoEquivalentRequestsShareOneRecipe() {
    CompressionSpec implicit = CompressionSpec.parse("GPTQ", Map.of());
    CompressionSpec explicit =
        CompressionSpec.parse(
            "gptq", Map.of("bits", "4", "group-size", "128", "act_order", "true"));
    assertThat(implicit.canonical()).isEqualTo(explicit.canonical());
    assertThat(implicit.gptq().actOrder()).isTrue();
    assertThat(implicit.gptq().staticGroups()).isTrue();
    assertThat(implicit.nsamples()).isEqualTo(128);
    assertThat(CompressionSpec.parse("gptq", Map.of("group_size", "64")).canonical())
        .isNotEqualTo(implicit.canonical());
  }

  @Test
  void nOfMReplacesTheRatio() {
    CompressionSpec spec = CompressionSpec.parse("wanda", Map.of("nm", "2:4"));
    assertThat(spec.prune().isNOfM()).isTrue();
    assertThat(spec.prune().prunen()).isEqualTo(2);
    assertThat(spec.canonicalParams()).doesNotContainKey("ratio");
    assertThatThrownBy(() -> CompressionSpec.parse("wanda", Map.of("nm", "2:4", "ratio", "0.7")))
        .hasMessageContaining("disagree");
  }

  @Test
  void badRequestsNameTheParameterAndTheRule() {
    assertThatThrownBy(() -> CompressionSpec.parse("quip", Map.of()))
        .hasMessageContaining("method 'quip' is not supported");
    assertThatThrownBy(() -> CompressionSpec.parse("rtn", Map.of("ratio", "0.5")))
        .hasMessageContaining("parameter 'ratio' is not supported for method rtn");
    assertThatThrownBy(() -> CompressionSpec.parse("awq", Map.of("bits", "3")))
        .hasMessageContaining("'bits' = 3");
    assertThatThrownBy(() -> CompressionSpec.parse("gptq", Map.of("sym", "false")))
        .hasMessageContaining("sym = true");
    assertThatThrownBy(() -> CompressionSpec.parse("magnitude", Map.of("ratio", "1.5")))
        .hasMessageContaining("ratio must be in [0, 1)");
    assertThatThrownBy(() -> CompressionSpec.parse("sparsegpt", Map.of("nsamples", "0")))
        .hasMessageContaining("'nsamples' must be at least 1");
    assertThatThrownBy(() -> CompressionSpec.parse("gptq", Map.of("group_size", "x")))
        .hasMessageContaining("'group_size' must be an integer");
    assertThatThrownBy(() -> CompressionSpec.parse("none", Map.of("bits", "4")))
        .hasMessageContaining("not supported for method none");
  }
}
