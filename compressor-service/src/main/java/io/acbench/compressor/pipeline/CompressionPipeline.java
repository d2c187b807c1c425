package io.acbench.compressor.pipeline;

import io.acbench.compressor.cache.ArtifactCache;
import io.acbench.compressor.cache.Digests;
import io.acbench.compressor.calibration.CalibrationSampler;
import io.acbench.compressor.calibration.CalibrationSet;
import io.acbench.compressor.calibration.CalibrationSource;
import io.acbench.compressor.checkpoint.CheckpointFormat;
import io.acbench.compressor.checkpoint.CheckpointWriter;
import io.acbench.compressor.checkpoint.CompressionReport;
import io.acbench.compressor.recipe.CompressionSpec;
import io.acbench.compressor.recipe.Method;
import io.acbench.compressor.walker.LayerWalker;
import io.acbench.compressor.walker.LinearSink;
import io.acbench.compressor.walker.ProgressListener;
import io.acbench.compressor.walker.WalkReport;
import io.acbench.compressor.walker.WalkResume;
import io.acbench.runtime.model.Projection;
import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.safetensors.DType;
import io.acbench.runtime.safetensors.TensorStore;
import io.acbench.runtime.safetensors.TensorStores;
import io.acbench.runtime.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One compression from a base model directory to a checkpoint directory: calibration windows, the
 * layer walk, the checkpoint files and the report. Used by the command line and the service.
 */
public final class CompressionPipeline {

  private static final org.jboss.logging.Logger LOG =
      org.jboss.logging.Logger.getLogger(CompressionPipeline.class);

  private CompressionPipeline() {}

  /** Checks that {@code modelDir} looks like a Hugging Face model directory. */
  public static void checkModelDir(Path modelDir) {
    if (!Files.isDirectory(modelDir)) {
      throw new IllegalArgumentException("model directory " + modelDir + " does not exist");
    }
    if (!Files.isRegularFile(modelDir.resolve("config.json"))) {
      throw new IllegalArgumentException("model directory " + modelDir + " has no config.json");
    }
  }

  /** Tokenizes the calibration text into the spec's windows with the model's tokenizer. */
  public static CalibrationSet calibrate(
      Path modelDir, CompressionSpec spec, CalibrationSource source) {
    checkModelDir(modelDir);
    try (Tokenizer tokenizer = Tokenizer.load(modelDir)) {
      return CalibrationSampler.sample(
          source, tokenizer, spec.nsamples(), spec.seqLen(), spec.seed());
    }
  }

  /**
   * Compresses {@code modelDir} into {@code outDir} (created) and writes the report there.
   *
   * @param sink also receives every compressed linear (tests compare them with the reload); may be
   *     null
   */
  public static List<WalkReport.LayerReport> compress(
      Path modelDir,
      CompressionSpec spec,
      CalibrationSet calibration,
      Path outDir,
      ProgressListener progress,
      LinearSink sink)
      throws IOException {
    return compress(modelDir, spec, calibration, outDir, progress, sink, null);
  }

  /**
   * As {@link #compress(Path, CompressionSpec, CalibrationSet, Path, ProgressListener,
   * LinearSink)}, saving the walk's progress after every layer in {@code resumeDir} (when not null)
   * and going on from the progress saved there by an interrupted run of the same variant (same base
   * weights, recipe and calibration windows); the directory is deleted once the checkpoint is
   * written.
   */
  public static List<WalkReport.LayerReport> compress(
      Path modelDir,
      CompressionSpec spec,
      CalibrationSet calibration,
      Path outDir,
      ProgressListener progress,
      LinearSink sink,
      Path resumeDir)
      throws IOException {
    if (spec.method() == Method.NONE) {
      throw new IllegalArgumentException("method none has nothing to compress");
    }
    checkModelDir(modelDir);
    long t0 = System.nanoTime();
    DType dtype = linearDtype(modelDir);
    CheckpointWriter writer = new CheckpointWriter(modelDir, spec, dtype);
    try (Transformer model = Transformer.load(modelDir)) {
      LinearSink both =
          sink == null
              ? writer
              : l -> {
                writer.accept(l);
                sink.accept(l);
              };
      LayerWalker walker = new LayerWalker(model, calibration, spec, dtype);
      WalkResume resume =
          resumeDir == null ? null : lockedResume(resumeDir, modelDir, spec, calibration);
      try {
        if (resume != null) {
          walker.resumeWith(resume);
        }
        List<WalkReport.LayerReport> layers = walker.run(both, progress);
        writer.write(model, outDir);
        double earlier = walker.resumedFrom().map(WalkResume.Manifest::walkSeconds).orElse(0.0);
        CompressionReport.write(
            outDir.resolve(CompressionReport.FILE),
            spec,
            writer.format(),
            calibration,
            layers,
            earlier + (System.nanoTime() - t0) / 1e9);
        if (resume != null) {
          resume.clear();
        }
        return layers;
      } finally {
        if (resume != null) {
          resume.close();
        }
      }
    }
  }

  /**
   * The walk's progress directory, locked for this process; null (with a warning) when another
   * process holds it, so that walk goes on alone and this one neither resumes nor saves.
   */
  private static WalkResume lockedResume(
      Path resumeDir, Path modelDir, CompressionSpec spec, CalibrationSet calibration)
      throws IOException {
    String id =
        ArtifactCache.variantId(Digests.model(modelDir), spec.canonical(), calibration.digest());
    WalkResume resume = new WalkResume(resumeDir, id);
    if (resume.tryLock()) {
      return resume;
    }
    LOG.warnf("another process holds %s; this walk neither resumes nor saves progress", resumeDir);
    return null;
  }

  /** Whether the method's checkpoint holds int4 weights. */
  public static boolean quantized(CompressionSpec spec) {
    return spec.method() != Method.NONE && CheckpointFormat.of(spec) != CheckpointFormat.DENSE;
  }

  private static DType linearDtype(Path modelDir) throws IOException {
    try (TensorStore store = TensorStores.open(modelDir)) {
      String name = "model.layers.0." + Projection.Q_PROJ.path() + ".weight";
      if (!store.contains(name)) {
        throw new IllegalArgumentException(
            "model directory "
                + modelDir
                + " has no dense tensor '"
                + name
                + "' (already quantized checkpoints cannot be compressed again)");
      }
      DType dtype = store.dtype(name);
      if (dtype != DType.F32 && dtype != DType.F16 && dtype != DType.BF16) {
        throw new IllegalArgumentException(
            "tensor '"
                + name
                + "' has dtype "
                + dtype
                + "; the compressor reads F32, F16 or BF16 weights");
      }
      return dtype;
    }
  }
}
