package io.acbench.compressor.pipeline;

import io.acbench.compressor.cache.ArtifactCache;
import io.acbench.compressor.cache.Digests;
import io.acbench.compressor.calibration.CalibrationSet;
import io.acbench.compressor.calibration.CalibrationSource;
import io.acbench.compressor.checkpoint.ModelRepositoryEntry;
import io.acbench.compressor.recipe.CompressionSpec;
import io.acbench.compressor.recipe.Method;
import io.acbench.compressor.walker.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Produces or reuses one variant's artifact and writes its Triton model-repository entry. The base
 * model (method {@code none}) is served from its own directory; compressed variants come from the
 * {@link ArtifactCache}. Model names are {@code <method>-<first 12 hex of the id>}, so a variant
 * always gets the same name.
 */
public final class VariantBuilder {

  /**
   * @param variantId the content-addressed id (the base model's digest for {@code none})
   * @param modelName the name the inference backend serves it under
   * @param artifact the checkpoint directory
   * @param repositoryEntry {@code <repo>/<modelName>}
   * @param artifactDigest sha256 over the checkpoint's config.json and safetensors files
   * @param reused true when nothing was compressed for this call
   */
  public record Built(
      String variantId,
      String modelName,
      Path artifact,
      Path repositoryEntry,
      String artifactDigest,
      boolean reused) {}

  private final ArtifactCache cache;
  private final Path modelRepository;

  public VariantBuilder(ArtifactCache cache, Path modelRepository) {
    this.cache = cache;
    this.modelRepository = modelRepository;
  }

  /**
   * Writes the probe model entry {@code <modelName>-probe} beside the variant's generation entry,
   * over the same checkpoint, and returns its directory.
   */
  public Path writeProbeEntry(Built built, CompressionSpec spec) throws IOException {
    return ModelRepositoryEntry.writeProbe(
        modelRepository,
        ModelRepositoryEntry.probeName(built.modelName()),
        built.artifact(),
        spec.method() != Method.NONE && CompressionPipeline.quantized(spec));
  }

  public Built build(
      Path modelDir, CompressionSpec spec, CalibrationSource calibration, ProgressListener progress)
      throws IOException {
    CompressionPipeline.checkModelDir(modelDir);
    String baseDigest = Digests.model(modelDir);
    if (spec.method() == Method.NONE) {
      String name = "base-" + baseDigest.substring(0, 12);
      Path entry = ModelRepositoryEntry.write(modelRepository, name, modelDir, false);
      return new Built(baseDigest, name, modelDir, entry, baseDigest, true);
    }
    CalibrationSet calib = CompressionPipeline.calibrate(modelDir, spec, calibration);
    String id = ArtifactCache.variantId(baseDigest, spec.canonical(), calib.digest());
    ArtifactCache.Artifact artifact =
        cache.getOrBuild(
            id,
            dir ->
                CompressionPipeline.compress(
                    modelDir, spec, calib, dir, progress, null, cache.resumeDir(id)));
    String name = spec.method().id() + "-" + id.substring(0, 12);
    Path entry =
        ModelRepositoryEntry.write(
            modelRepository, name, artifact.dir(), CompressionPipeline.quantized(spec));
    return new Built(
        id, name, artifact.dir(), entry, Digests.model(artifact.dir()), artifact.reused());
  }
}
