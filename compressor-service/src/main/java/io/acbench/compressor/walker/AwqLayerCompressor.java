package io.acbench.compressor.walker;

import io.acbench.compressor.awq.ActivationStats;
import io.acbench.compressor.awq.AwqBlock;
import io.acbench.compressor.awq.AwqClipSearch;
import io.acbench.compressor.awq.AwqParams;
import io.acbench.compressor.awq.AwqQuantizer;
import io.acbench.compressor.awq.AwqScaleSearch;
import io.acbench.compressor.awq.ScaleFolding;
import io.acbench.compressor.rtn.QuantizedWeight;
import io.acbench.runtime.model.ForwardHooks;
import io.acbench.runtime.model.Projection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * AWQ on one decoder layer (spec §3.1–§3.6). The four scaling groups of §3.3 are searched on the
 * original weights against the real modules: the attention (q/k/v, loss on the residual stream
 * right after attention), v→o (only when v_proj and o_proj have the same shape, so skipped under
 * GQA), the MLP (gate/up, loss on the MLP's output, run alone on its cached inputs as the
 * reference's {@code module2inspect=mlp}) and up→down. Then {@code 1/s} is folded into the
 * RMSNorms, v_proj and up_proj, the cached inputs are divided by s, every linear but q/k is
 * clip-searched, and all seven are quantized with AWQ's zero-point RTN. The next layer gets the
 * original layer's output (D1).
 */
final class AwqLayerCompressor implements LayerCompressor {

  private static final Projection Q = Projection.Q_PROJ;
  private static final Projection K = Projection.K_PROJ;
  private static final Projection V = Projection.V_PROJ;
  private static final Projection O = Projection.O_PROJ;
  private static final Projection GATE = Projection.GATE_PROJ;
  private static final Projection UP = Projection.UP_PROJ;
  private static final Projection DOWN = Projection.DOWN_PROJ;

  private final AwqParams params;
  private final Map<Projection, InputCollector.Cache> caches = new EnumMap<>(Projection.class);

  AwqLayerCompressor(AwqParams params) {
    this.params = params;
  }

  @Override
  public boolean propagateCompressed() {
    return false;
  }

  @Override
  public void collect(LayerContext ctx, Map<Projection, List<InputCollector>> collectors) {
    caches.clear();
    for (Projection p : List.of(Q, O, GATE, DOWN)) {
      InputCollector.Cache cache = new InputCollector.Cache(ctx.tokens(), ctx.cols(p));
      caches.put(p, cache);
      collectors.computeIfAbsent(p, k -> new ArrayList<>()).add(cache);
    }
  }

  @Override
  public void compress(LayerContext ctx) {
    int T = ctx.tokens();
    Map<Projection, float[]> W = ctx.originalWeights;
    // Step 2: search every group on the original weights.
    float[] s1 = search(ctx, List.of(Q, K, V), Q, attentionBlock(ctx, List.of(Q, K, V)));
    boolean vo = ScaleFolding.vToOApplies(ctx.rows(V), ctx.cols(V), ctx.rows(O), ctx.cols(O));
    float[] s2 = vo ? search(ctx, List.of(O), O, linearBlock(ctx, O)) : null;
    float[] s3 = search(ctx, List.of(GATE, UP), GATE, mlpBlock(ctx));
    float[] s4 = search(ctx, List.of(DOWN), DOWN, linearBlock(ctx, DOWN));

    // Fold: γ/s into the norms, rows of v and up divided, columns of the scaled linears multiplied.
    foldIntoNorm(ctx.layer.inputNorm().weight(), s1);
    foldIntoNorm(ctx.layer.postAttentionNorm().weight(), s3);
    Map<Projection, float[]> scaled = new EnumMap<>(Projection.class);
    Map<Projection, float[]> colScale = new EnumMap<>(Projection.class);
    Map<Projection, float[]> rowScale = new EnumMap<>(Projection.class);
    for (Projection p : List.of(Q, K, V)) {
      scaled.put(p, ScaleFolding.scaleInputColumns(W.get(p), ctx.rows(p), ctx.cols(p), s1));
      colScale.put(p, s1);
    }
    scaled.put(O, W.get(O));
    if (vo) {
      scaled.put(V, ScaleFolding.divideOutputRows(scaled.get(V), ctx.rows(V), ctx.cols(V), s2));
      rowScale.put(V, s2);
      float[] bias = ctx.layer.bias(V);
      if (bias != null) {
        float[] divided = ScaleFolding.divideBias(bias, s2);
        System.arraycopy(divided, 0, bias, 0, bias.length);
      }
      scaled.put(O, ScaleFolding.scaleInputColumns(W.get(O), ctx.rows(O), ctx.cols(O), s2));
      colScale.put(O, s2);
    }
    for (Projection p : List.of(GATE, UP)) {
      scaled.put(p, ScaleFolding.scaleInputColumns(W.get(p), ctx.rows(p), ctx.cols(p), s3));
      colScale.put(p, s3);
    }
    scaled.put(UP, ScaleFolding.divideOutputRows(scaled.get(UP), ctx.rows(UP), ctx.cols(UP), s4));
    rowScale.put(UP, s4);
    scaled.put(
        DOWN, ScaleFolding.scaleInputColumns(W.get(DOWN), ctx.rows(DOWN), ctx.cols(DOWN), s4));
    colScale.put(DOWN, s4);

    // Steps 3–4: clip (not q/k) on inputs divided by s, then the final RTN.
    for (Projection p : Projection.values()) {
      long t0 = System.nanoTime();
      float[] Wp = scaled.get(p);
      int R = ctx.rows(p);
      int C = ctx.cols(p);
      if (p != Q && p != K) {
        float[] s = colScale.get(p);
        float[] X = caches.get(CollectingHooks.inputOf(p)).X;
        float[] Xs = s == null ? X : ScaleFolding.divideInputs(X, T, C, s);
        float[] maxVal = AwqClipSearch.searchMaxVal(Wp, R, C, Xs, T, params);
        Wp = AwqClipSearch.applyClip(Wp, R, C, maxVal, params.effectiveGroupSize(C));
      }
      QuantizedWeight q = AwqQuantizer.quantize(Wp, R, C, params);
      float[] deployed = Deployment.quantized(q);
      ctx.commit(
          new CompressedLinear(ctx.layer.index(), p, R, C, q.weight(), deployed, q),
          unfold(deployed, R, C, rowScale.get(p), colScale.get(p)),
          (System.nanoTime() - t0) / 1e9);
    }
    caches.clear();
  }

  private float[] search(LayerContext ctx, List<Projection> linears, Projection input, AwqBlock b) {
    int C = ctx.cols(input);
    float[] xMean = ActivationStats.meanAbs(caches.get(input).X, ctx.tokens(), C);
    List<float[]> weights = new ArrayList<>();
    int[] rows = new int[linears.size()];
    for (int i = 0; i < linears.size(); i++) {
      weights.add(ctx.originalWeights.get(linears.get(i)));
      rows[i] = ctx.rows(linears.get(i));
    }
    return AwqScaleSearch.search(weights, rows, C, xMean, b, params).scales();
  }

  /**
   * The layer run with candidate weights in place of {@code linears}, stopped before the MLP: the
   * residual stream after attention is the output.
   */
  private static AwqBlock attentionBlock(LayerContext ctx, List<Projection> linears) {
    ForwardHooks hooks = StopAtInput.before(ctx.layer.index(), GATE);
    return weights -> {
      for (int i = 0; i < linears.size(); i++) {
        Projection p = linears.get(i);
        ctx.layer.replaceLinear(p, new GemmLinear(ctx.rows(p), ctx.cols(p), weights.get(i)));
      }
      try {
        int len = ctx.inputs[0].length;
        float[] out = new float[ctx.inputs.length * len]; // (nsamples · seqLen, hidden)
        for (int s = 0; s < ctx.inputs.length; s++) {
          float[] h = ctx.inputs[s].clone();
          try {
            ctx.layer.forward(h, ctx.seqLen, hooks);
          } catch (StopAtInput.Stop stop) {
            // h holds the residual stream after attention: the output we want.
          }
          System.arraycopy(h, 0, out, s * len, len);
        }
        return out;
      } finally {
        linears.forEach(p -> ctx.layer.replaceLinear(p, ctx.originalLinears.get(p)));
      }
    };
  }

  /**
   * The MLP alone with candidate gate/up weights, on the cached post-attention-norm inputs, one
   * sequence at a time (so the intermediate activations stay one sequence big); the output is the
   * MLP's, {@code (tokens, hidden)}.
   */
  private AwqBlock mlpBlock(LayerContext ctx) {
    float[] X = caches.get(GATE).X; // (tokens, hidden)
    int hidden = ctx.cols(GATE);
    int len = ctx.seqLen * hidden;
    return weights -> {
      ctx.layer.replaceLinear(GATE, new GemmLinear(ctx.rows(GATE), hidden, weights.get(0)));
      ctx.layer.replaceLinear(UP, new GemmLinear(ctx.rows(UP), hidden, weights.get(1)));
      try {
        float[] out = new float[X.length];
        float[] x = new float[len];
        float[] y = new float[len];
        for (int s = 0; s < ctx.inputs.length; s++) {
          System.arraycopy(X, s * len, x, 0, len);
          ctx.layer.mlp(x, ctx.seqLen, y);
          System.arraycopy(y, 0, out, s * len, len);
        }
        return out;
      } finally {
        ctx.layer.replaceLinear(GATE, ctx.originalLinears.get(GATE));
        ctx.layer.replaceLinear(UP, ctx.originalLinears.get(UP));
      }
    };
  }

  private AwqBlock linearBlock(LayerContext ctx, Projection p) {
    float[] X = caches.get(p).X;
    int T = ctx.tokens();
    int R = ctx.rows(p);
    int C = ctx.cols(p);
    return weights -> {
      float[] Y = new float[T * R]; // (T, R)
      new GemmLinear(R, C, weights.getFirst()).matmul(X, T, Y);
      return Y;
    };
  }

  private static void foldIntoNorm(float[] gamma, float[] s) {
    float[] divided = ScaleFolding.divideNormWeight(gamma, s);
    System.arraycopy(divided, 0, gamma, 0, gamma.length);
  }

  /** {@code diag(rowScale)·Ŵ·diag(s)⁻¹}: the deployed weight in the unscaled parametrisation. */
  private static float[] unfold(float[] deployed, int R, int C, float[] rowScale, float[] s) {
    float[] out = new float[R * C]; // (R, C)
    for (int r = 0; r < R; r++) {
      float rs = rowScale == null ? 1f : rowScale[r];
      for (int c = 0; c < C; c++) {
        out[r * C + c] = deployed[r * C + c] * rs / (s == null ? 1f : s[c]);
      }
    }
    return out;
  }
}
