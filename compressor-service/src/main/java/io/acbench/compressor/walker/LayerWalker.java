package io.acbench.compressor.walker;

import io.acbench.compressor.calibration.CalibrationSet;
import io.acbench.compressor.recipe.CompressionSpec;
import io.acbench.runtime.model.DecoderLayer;
import io.acbench.runtime.model.Projection;
import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.safetensors.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compresses a model layer by layer (spec §1.2): the embeddings of every calibration sample are the
 * input of layer 0; for each decoder layer the original layer is run once over all samples with the
 * method's statistics hooked, the method compresses and commits the seven linears (the model's
 * layer then computes with the deployed weights), and the next layer's input is the output of the
 * compressed or the original layer (D1). Only the current layer's activations are held: the inputs
 * and outputs of every sample, plus what the method caches (AWQ keeps the layer's linear inputs).
 */
public final class LayerWalker {

  private static final org.jboss.logging.Logger LOG =
      org.jboss.logging.Logger.getLogger(LayerWalker.class);

  private final Transformer model;
  private final CalibrationSet calibration;
  private final CompressionSpec spec;
  private final DType denseDtype;
  private int layerLimit = Integer.MAX_VALUE;
  private WalkResume resume;
  private WalkResume.Manifest resumedFrom;

  /**
   * @param model the model to compress; its layers are modified in place
   * @param denseDtype dtype of the dense checkpoint pruned weights are written in
   */
  public LayerWalker(
      Transformer model, CalibrationSet calibration, CompressionSpec spec, DType denseDtype) {
    this.model = model;
    this.calibration = calibration;
    this.spec = spec;
    this.denseDtype = denseDtype;
  }

  /**
   * Stops after the first {@code n} layers (benchmarks time a few layers of a large model); the
   * later layers keep their original weights.
   */
  public LayerWalker limitLayers(int n) {
    this.layerLimit = n;
    return this;
  }

  /**
   * Saves progress after every layer into {@code resume} and, when it holds progress of this walk,
   * goes on from there: the saved layers are replayed (their linears to the sink, their norms,
   * biases and deployed weights into the model) instead of being compressed again.
   */
  public LayerWalker resumeWith(WalkResume resume) {
    this.resume = resume;
    return this;
  }

  /** The saved progress the last {@link #run} went on from, if it resumed. */
  public java.util.Optional<WalkResume.Manifest> resumedFrom() {
    return java.util.Optional.ofNullable(resumedFrom);
  }

  /** Walks every layer; compressed linears go to {@code sink} as soon as their layer is done. */
  public List<WalkReport.LayerReport> run(LinearSink sink, ProgressListener progress) {
    int hidden = model.config().hiddenSize();
    int seqLen = calibration.seqLen();
    int n = Math.min(model.layers().size(), layerLimit);
    long start = System.nanoTime(); // a resumed segment's replay counts as walk time
    resumedFrom =
        resume == null ? null : resume.load().filter(m -> m.layersDone() <= n).orElse(null);
    List<WalkReport.LayerReport> reports = new ArrayList<>();
    int first = 0;
    double secondsBefore = 0;
    int segment = 1;
    float[][] inputs; // (nsamples)(seqLen · hidden)
    if (resumedFrom != null) {
      first = resumedFrom.layersDone();
      LOG.infof(
          "resuming the walk after layer %d of %d from %s (%.1f s spent there before)",
          first, n, resume.dir(), resumedFrom.walkSeconds());
      reports.addAll(resumedFrom.reports());
      secondsBefore = resumedFrom.walkSeconds();
      segment = resumedFrom.segments() + 1;
      for (DecoderLayer layer : model.layers().subList(0, first)) {
        resume.replay(layer, sink, denseDtype);
      }
      inputs = resume.inputs(first, calibration.nsamples(), seqLen * hidden);
    } else {
      inputs = new float[calibration.nsamples()][];
      for (int s = 0; s < inputs.length; s++) {
        inputs[s] = new float[seqLen * hidden];
        int[] tokens = calibration.samples()[s];
        for (int t = 0; t < seqLen; t++) {
          model.embedding().lookup(tokens[t], inputs[s], t * hidden);
        }
      }
    }
    for (DecoderLayer layer : model.layers().subList(first, n)) {
      long t0 = System.nanoTime();
      LayerCompressor compressor = compressorFor(spec);
      List<CompressedLinear> committed = new ArrayList<>();
      LinearSink capture =
          l -> {
            committed.add(l);
            sink.accept(l);
          };
      LayerContext ctx = new LayerContext(layer, inputs, seqLen, denseDtype, capture);
      Map<Projection, List<InputCollector>> collectors = ctx.reportCollectors();
      compressor.collect(ctx, collectors);
      float[][] original = ctx.forward(collectors, true);
      compressor.compress(ctx);
      float[][] compressed = ctx.forward(Map.of(), true);
      ctx.finish();
      double outputError = Metrics.relativeError(compressed, original);
      inputs = compressor.propagateCompressed() ? compressed : original;
      reports.add(
          new WalkReport.LayerReport(
              layer.index(), (System.nanoTime() - t0) / 1e9, outputError, ctx.linearReports));
      int done = layer.index() + 1;
      double segmentSeconds = (System.nanoTime() - start) / 1e9;
      if (resume != null) {
        resume.save(layer, committed, inputs, reports, secondsBefore + segmentSeconds, segment);
      }
      double perLayer = segmentSeconds / (done - first);
      progress.layerDone(done, n, perLayer * (n - done));
    }
    return reports;
  }

  static LayerCompressor compressorFor(CompressionSpec spec) {
    return switch (spec.method()) {
      case GPTQ -> HessianCompressor.gptq(spec.gptq(), spec.trueSequential());
      case SPARSEGPT -> HessianCompressor.sparseGpt(spec.sparseGpt(), spec.trueSequential());
      case AWQ -> new AwqLayerCompressor(spec.awq());
      case RTN -> DataFreeCompressors.rtn(spec.rtn());
      case WANDA -> DataFreeCompressors.wanda(spec.prune());
      case MAGNITUDE -> DataFreeCompressors.magnitude(spec.prune());
      case NONE -> throw new IllegalArgumentException("method none compresses nothing");
    };
  }
}
