package io.acbench.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link DecoderLayer#mlp} is the MLP half of {@link DecoderLayer#forward}: the residual stream
 * after attention plus {@code mlp(postAttentionNorm(h))} is the layer's output, bit for bit.
 */
class DecoderLayerMlpTest {

  private static final int SEQ_LEN = 9;

  /** Thrown by the hook at the MLP's first linear, after recording its input. */
  private static final class AtMlp extends RuntimeException {
    AtMlp() {
      super("stop at gate_proj", null, false, false);
    }
  }

  @Test
  void mlpAloneCompletesTheLayerFromTheResidualAfterAttention() {
    for (var config :
        new io.acbench.runtime.config.ModelConfig[] {TinyModel.qwen2(), TinyModel.llama3()}) {
      Transformer model = new TinyModel(config, 31).build();
      DecoderLayer layer = model.layers().get(1);
      int hidden = config.hiddenSize();
      float[] h = new float[SEQ_LEN * hidden];
      SplittableRandom rnd = new SplittableRandom(32);
      for (int i = 0; i < h.length; i++) {
        h[i] = (float) rnd.nextDouble(-1, 1);
      }

      float[] full = h.clone();
      layer.forward(full, SEQ_LEN, ForwardHooks.NONE);

      float[] afterAttention = h.clone();
      float[][] mlpInput = new float[1][];
      try {
        layer.forward(
            afterAttention,
            SEQ_LEN,
            new ForwardHooks() {
              @Override
              public void linearInput(int l, Projection linear, float[] x, int rows, int in) {
                if (linear == Projection.GATE_PROJ) {
                  mlpInput[0] = Arrays.copyOf(x, rows * in);
                  throw new AtMlp();
                }
              }
            });
      } catch (AtMlp expected) {
        // afterAttention now holds the residual stream before the MLP
      }

      float[] mlpOut = new float[SEQ_LEN * hidden];
      layer.mlp(mlpInput[0], SEQ_LEN, mlpOut);
      float[] recomposed = new float[full.length];
      for (int i = 0; i < full.length; i++) {
        recomposed[i] = afterAttention[i] + mlpOut[i];
      }
      assertThat(recomposed).containsExactly(full);
      assertThat(mlpOut).as("the MLP contributes").isNotEqualTo(new float[mlpOut.length]);
    }
  }
}
