package io.acbench.compressor.gptq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.acbench.compressor.rtn.QuantizedWeight;
import io.acbench.compressor.rtn.Rtn;
import io.acbench.compressor.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GPTQ identities of spec §2.3 and project decisions D8, D9. */
class GptqTest {

  private static final int R = 32;
  private static final int C = 64;
  private static final int T = 256;

  private static final GptqParams ASYM_CHANNEL =
      new GptqParams(4, false, -1, 0.01, 128, false, false, true, 3);

  private static double[] hessianOf(float[] X) {
    HessianAccumulator acc = new HessianAccumulator(C);
    acc.addBatch(X, T, 1);
    return acc.hessian();
  }

  @Test
  void hessianAccumulatorKeepsTheRunningAverageOverSequences() {
    // Two batches of 2 and 3 sequences; the result must be (2/5)·Σ_tokens x·xᵀ.
    int c = 3;
    float[] batch1 = TestData.gaussian(21, 4 * c); // 2 sequences × 2 tokens
    float[] batch2 = TestData.gaussian(22, 6 * c); // 3 sequences × 2 tokens
    HessianAccumulator acc = new HessianAccumulator(c);
    acc.addBatch(batch1, 4, 2);
    acc.addBatch(batch2, 6, 3);

    float[] all = new float[10 * c];
    System.arraycopy(batch1, 0, all, 0, batch1.length);
    System.arraycopy(batch2, 0, all, batch1.length, batch2.length);
    double[] expected = TestData.hessian(all, 10, c, 5);
    assertThat(acc.nsamples()).isEqualTo(5);
    double[] H = acc.hessian();
    for (int i = 0; i < c * c; i++) {
      assertThat(H[i]).isCloseTo(expected[i], within(1e-12));
    }
  }

  @Test
  void reportedLossEqualsHalfTraceOfDeltaWTimesDampedHessian() {
    float[] W = TestData.gaussian(23, R * C);
    float[] X = TestData.correlatedInputs(24, T, C);
    double[] H = hessianOf(X);
    for (GptqParams p :
        List.of(
            ASYM_CHANNEL,
            GptqParams.vllmDefaults().withGroupSize(16),
            GptqParams.vllmDefaults().withGroupSize(8).withActOrder(true, false).withBlockSize(16),
            ASYM_CHANNEL.withGroupSize(12).withLegacyQuirks(false).withBlockSize(20))) {
      GptqResult res = Gptq.quantize(W, R, C, H, p);

      double meanDiag = 0.0;
      for (int j = 0; j < C; j++) {
        meanDiag += H[j * C + j];
      }
      double damp = p.percdamp() * meanDiag / C;
      double trace = 0.0; // tr(ΔW·(H + damp·I)·ΔWᵀ)
      for (int r = 0; r < R; r++) {
        for (int i = 0; i < C; i++) {
          double di = (double) res.quantized().weight()[r * C + i] - W[r * C + i];
          for (int j = 0; j < C; j++) {
            double dj = (double) res.quantized().weight()[r * C + j] - W[r * C + j];
            trace += di * (H[i * C + j] + (i == j ? damp : 0.0)) * dj;
          }
        }
      }
      assertThat(res.damp()).isCloseTo(damp, within(1e-9 * damp));
      assertThat(res.rtnFallback()).isFalse();
      assertThat(res.loss()).as("%s", p).isCloseTo(trace / 2, within(1e-5 * trace));
    }
  }

  @Test
  void identityHessianGivesExactlyTheRtnResult() {
    float[] W = TestData.gaussian(25, R * C);
    for (GptqParams p :
        List.of(
            ASYM_CHANNEL,
            ASYM_CHANNEL.withSym(true),
            GptqParams.vllmDefaults().withGroupSize(16),
            GptqParams.vllmDefaults().withGroupSize(16).withActOrder(false, false),
            GptqParams.vllmDefaults().withGroupSize(24).withBlockSize(32))) {
      GptqResult res = Gptq.quantize(W, R, C, TestData.identity(C), p);
      QuantizedWeight rtn = Rtn.quantize(W, R, C, p.grid());

      assertThat(res.quantized().codes()).as("%s", p).containsExactly(rtn.codes());
      assertThat(res.quantized().scales()).containsExactly(rtn.scales());
      assertThat(res.quantized().zeros()).containsExactly(rtn.zeros());
      assertThat(res.quantized().gIdx()).containsExactly(rtn.gIdx());
      assertThat(res.quantized().weight()).containsExactly(rtn.weight());
    }
  }

  @Test
  void gptqErrorIsBelowRtnOnCorrelatedInputs() {
    float[] W = TestData.gaussian(26, R * C);
    float[] X = TestData.correlatedInputs(27, T, C);
    double[] H = hessianOf(X);
    for (GptqParams p :
        List.of(
            ASYM_CHANNEL,
            GptqParams.vllmDefaults().withGroupSize(16),
            new GptqParams(3, false, 16, 0.01, 128, true, false, true, 3))) {
      float[] gptq = Gptq.quantize(W, R, C, H, p).quantized().weight();
      float[] rtn = Rtn.quantize(W, R, C, p.grid()).weight();
      double gptqErr = TestData.outputError(X, T, C, W, gptq, R);
      double rtnErr = TestData.outputError(X, T, C, W, rtn, R);
      assertThat(gptqErr).as("%s", p).isLessThan(0.5 * rtnErr);
    }
  }

  @Test
  void actOrderWithDynamicGroupsFollowsTheDescendingDiagonal() {
    // A diagonal H = diag(1..C) orders columns C−1, C−2, …, 0 and never updates a column, so the
    // result is RTN on the reversed columns, with g_idx[c] = pos(c)/gs = (C−1−c)/gs.
    int c = 10;
    int gs = 4;
    float[] W = TestData.gaussian(28, R * c);
    double[] H = new double[c * c];
    for (int j = 0; j < c; j++) {
      H[j * c + j] = j + 1;
    }
    GptqParams p = new GptqParams(4, false, gs, 0.01, 128, true, false, true, 3);
    GptqResult res = Gptq.quantize(W, R, c, H, p);

    float[] reversed = new float[R * c];
    for (int r = 0; r < R; r++) {
      for (int j = 0; j < c; j++) {
        reversed[r * c + j] = W[r * c + (c - 1 - j)];
      }
    }
    QuantizedWeight rtn = Rtn.quantize(reversed, R, c, p.grid());
    for (int j = 0; j < c; j++) {
      assertThat(res.quantized().gIdx()[j]).isEqualTo((c - 1 - j) / gs);
      for (int r = 0; r < R; r++) {
        assertThat(res.quantized().codes()[r * c + j]).isEqualTo(rtn.codes()[r * c + c - 1 - j]);
      }
    }
    assertThat(res.quantized().scales()).containsExactly(rtn.scales());
  }

  @Test
  void correctedModeFitsGroupsOnTheCurrentlyUpdatedWeights() {
    // With B = 1 every earlier update has reached W before a group starts, so the legacy reading
    // of W (D2) and the corrected reading agree; the corrected mode must give that result for any
    // B, including groups that cross a block boundary (gs 12, B 16).
    float[] W = TestData.gaussian(36, R * C);
    double[] H = hessianOf(TestData.correlatedInputs(37, T, C));
    GptqParams base = new GptqParams(4, false, 12, 0.01, 1, false, false, true, 3);
    GptqResult unblocked = Gptq.quantize(W, R, C, H, base);
    GptqResult corrected =
        Gptq.quantize(W, R, C, H, base.withBlockSize(16).withLegacyQuirks(false));
    GptqResult legacy = Gptq.quantize(W, R, C, H, base.withBlockSize(16));

    assertThat(corrected.quantized().codes()).containsExactly(unblocked.quantized().codes());
    assertThat(corrected.quantized().scales())
        .containsExactly(unblocked.quantized().scales(), within(1e-5f));
    assertThat(legacy.quantized().scales()).isNotEqualTo(unblocked.quantized().scales());
  }

  @Test
  void staticGroupsKeepTheTrivialGroupIndex() {
    float[] X = TestData.correlatedInputs(29, T, C);
    GptqResult res =
        Gptq.quantize(
            TestData.gaussian(30, R * C),
            R,
            C,
            hessianOf(X),
            GptqParams.vllmDefaults().withGroupSize(16));
    for (int j = 0; j < C; j++) {
      assertThat(res.quantized().gIdx()[j]).isEqualTo(j / 16);
    }
  }

  @Test
  void choleskyFailureRetriesAtTenfoldDamping() {
    // H = [[1, 3], [3, 1]] has eigenvalues 4 and −2; damping 0.01, 0.1 and 1 leave it indefinite,
    // 10 makes it positive definite: three retries.
    double[] H = {1, 3, 3, 1};
    GptqResult res = Gptq.quantize(new float[] {0.3f, -0.7f}, 1, 2, H, ASYM_CHANNEL);
    assertThat(res.dampRetries()).isEqualTo(3);
    assertThat(res.rtnFallback()).isFalse();
    assertThat(res.damp()).isCloseTo(10.0, within(1e-9));
  }

  @Test
  void choleskyFailureAfterAllRetriesFallsBackToRtn() {
    float[] W = TestData.gaussian(31, 4 * 6);
    double[] H = TestData.identity(6);
    for (int i = 0; i < H.length; i++) {
      H[i] = -H[i]; // negative definite: every damping keeps it so
    }
    GptqResult res = Gptq.quantize(W, 4, 6, H, ASYM_CHANNEL);
    assertThat(res.rtnFallback()).isTrue();
    assertThat(res.quantized().codes())
        .containsExactly(Rtn.quantize(W, 4, 6, ASYM_CHANNEL.grid()).codes());
  }

  @Test
  void deadColumnsAreCountedAndZeroed() {
    float[] X = TestData.correlatedInputs(32, T, C);
    for (int t = 0; t < T; t++) {
      X[t * C + 7] = 0f;
      X[t * C + 40] = 0f;
    }
    GptqResult res = Gptq.quantize(TestData.gaussian(33, R * C), R, C, hessianOf(X), ASYM_CHANNEL);
    assertThat(res.deadColumns()).isEqualTo(2);
    for (int r = 0; r < R; r++) {
      assertThat(res.quantized().weight()[r * C + 7]).isZero();
      assertThat(res.quantized().weight()[r * C + 40]).isZero();
    }
  }

  @Test
  void hessianIsLeftUnmodified() {
    double[] H = hessianOf(TestData.correlatedInputs(34, T, C));
    double[] copy = H.clone();
    Gptq.quantize(
        TestData.gaussian(35, R * C), R, C, H, GptqParams.vllmDefaults().withGroupSize(16));
    assertThat(H).containsExactly(copy);
  }

  @Test
  void trueSequentialOrderIsTheSpecsFourSubGroups() {
    assertThat(TrueSequential.LLAMA_SUBGROUPS)
        .containsExactly(
            List.of("self_attn.k_proj", "self_attn.v_proj", "self_attn.q_proj"),
            List.of("self_attn.o_proj"),
            List.of("mlp.up_proj", "mlp.gate_proj"),
            List.of("mlp.down_proj"));
  }
}
