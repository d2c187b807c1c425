package io.acbench.compressor.walker;

import io.acbench.runtime.model.DecoderLayer;
import io.acbench.runtime.model.ForwardHooks;
import io.acbench.runtime.model.Projection;
import io.acbench.runtime.safetensors.DType;
import io.acbench.runtime.weights.ArrayWeight;
import io.acbench.runtime.weights.LinearWeight;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One decoder layer being compressed: its calibration inputs (one residual stream per sample), the
 * original weights, forwards over every sample, and the hand-over of each compressed linear.
 */
final class LayerContext {

  /** Calibration tokens per input kept for the report's output error. */
  static final int REPORT_TOKENS = 64;

  final DecoderLayer layer;
  final float[][] inputs; // (nsamples)(seqLen · hidden)
  final int seqLen;
  final DType denseDtype;

  /** The original weights as the walk computes with them ({@link GemmLinear}s). */
  final Map<Projection, LinearWeight> originalLinears = new EnumMap<>(Projection.class);

  /** What the layer keeps once the walk has left it (memory-mapped originals, deployed arrays). */
  private final Map<Projection, LinearWeight> settled = new EnumMap<>(Projection.class);

  final Map<Projection, float[]> originalWeights = new EnumMap<>(Projection.class); // (R, C) each
  final Map<Projection, InputCollector.Cache> reportInputs = new EnumMap<>(Projection.class);
  final List<WalkReport.LinearReport> linearReports = new ArrayList<>();
  private final LinearSink sink;

  LayerContext(
      DecoderLayer layer, float[][] inputs, int seqLen, DType denseDtype, LinearSink sink) {
    this.layer = layer;
    this.inputs = inputs;
    this.seqLen = seqLen;
    this.denseDtype = denseDtype;
    this.sink = sink;
    for (Projection p : Projection.values()) {
      LinearWeight w = layer.linear(p);
      float[] W = w.dequantize();
      originalWeights.put(p, W);
      settled.put(p, w);
      LinearWeight fast = new GemmLinear(w.outFeatures(), w.inFeatures(), W);
      originalLinears.put(p, fast);
      layer.replaceLinear(p, fast);
    }
  }

  int rows(Projection p) {
    return layer.linear(p).outFeatures();
  }

  int cols(Projection p) {
    return layer.linear(p).inFeatures();
  }

  int tokens() {
    return inputs.length * seqLen;
  }

  /**
   * Runs the layer (with its current weights) over every sample, reporting linear inputs to {@code
   * collectors}; returns the outputs when {@code keepOutputs}, else null.
   */
  float[][] forward(Map<Projection, List<InputCollector>> collectors, boolean keepOutputs) {
    ForwardHooks hooks = new CollectingHooks(layer.index(), collectors);
    float[][] outputs = keepOutputs ? new float[inputs.length][] : null;
    for (int s = 0; s < inputs.length; s++) {
      float[] h = inputs[s].clone(); // (seqLen, hidden)
      layer.forward(h, seqLen, hooks);
      if (keepOutputs) {
        outputs[s] = h;
      }
    }
    return outputs;
  }

  /**
   * Runs the layer (with its current weights) over every sample only as far as the input of {@code
   * last}, reporting linear inputs to {@code collectors} on the way; the rest of the layer is
   * skipped, so a statistics pass for an early linear costs only the part of the layer before it.
   */
  void forwardUntilInputOf(Projection last, Map<Projection, List<InputCollector>> collectors) {
    ForwardHooks hooks =
        StopAtInput.after(layer.index(), last, new CollectingHooks(layer.index(), collectors));
    for (float[] input : inputs) {
      try {
        layer.forward(input.clone(), seqLen, hooks);
      } catch (StopAtInput.Stop stop) {
        continue;
      }
      throw new IllegalStateException(
          "layer " + layer.index() + " finished without reading the input of " + last);
    }
  }

  /** Collectors keeping the first {@link #REPORT_TOKENS} input rows of every distinct input. */
  Map<Projection, List<InputCollector>> reportCollectors() {
    Map<Projection, List<InputCollector>> map = new EnumMap<>(Projection.class);
    for (Projection p :
        List.of(Projection.Q_PROJ, Projection.O_PROJ, Projection.GATE_PROJ, Projection.DOWN_PROJ)) {
      InputCollector.Cache cache =
          new InputCollector.Cache(Math.min(REPORT_TOKENS, tokens()), cols(p));
      reportInputs.put(p, cache);
      map.computeIfAbsent(p, k -> new ArrayList<>()).add(cache);
    }
    return map;
  }

  /**
   * Installs a compressed linear: the layer computes with {@code linear.deployed()} from now on,
   * the report gets its errors against the original weight, and the sink gets the linear.
   *
   * @param effective {@code (R, C)} the deployed weight in the original parametrisation (differs
   *     from {@code deployed} only under AWQ's folded scales)
   */
  void commit(CompressedLinear linear, float[] effective, double seconds) {
    Projection p = linear.projection();
    layer.replaceLinear(p, new GemmLinear(linear.rows(), linear.cols(), linear.deployed()));
    settled.put(
        p, new ArrayWeight(linear.prefix(), linear.rows(), linear.cols(), linear.deployed()));
    float[] W = originalWeights.get(p);
    InputCollector.Cache X = reportInputs.get(CollectingHooks.inputOf(p));
    linearReports.add(
        new WalkReport.LinearReport(
            p.path(),
            Metrics.relativeWeightError(W, effective),
            X == null
                ? Double.NaN
                : Metrics.relativeOutputError(
                    W, effective, linear.rows(), linear.cols(), X.X, X.filled),
            Metrics.sparsity(linear.deployed()),
            seconds));
    sink.accept(linear);
  }

  /**
   * Puts the settled weights back into the layer (the original ones, or the deployed arrays of the
   * committed linears), dropping the transposed copies the forwards used.
   */
  void finish() {
    settled.forEach(layer::replaceLinear);
  }
}
