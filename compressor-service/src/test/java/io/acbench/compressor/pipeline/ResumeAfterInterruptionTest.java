package io.acbench.compressor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acbench.compressor.calibration.CalibrationSet;
import io.acbench.compressor.calibration.DefaultCorpus;
import io.acbench.compressor.recipe.CompressionSpec;
import io.acbench.compressor.walker.ProgressListener;
import io.acbench.compressor.walker.WalkResume;
import io.acbench.runtime.fixtures.FixtureModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A compression killed after some layers goes on from its last finished layer when run again with
 * the same resume directory, and writes exactly the checkpoint an uninterrupted run writes.
 */
class ResumeAfterInterruptionTest {

  /** Thrown by the progress listener to stand in for a killed process. */
  private static final class Killed extends RuntimeException {
    Killed() {
      super("killed after a layer", null, false, false);
    }
  }

  @TempDir Path tmp;
  private Path base;

  @BeforeEach
  void writeBase() throws IOException {
    base = tmp.resolve("base");
    FixtureModels.write("qwen2", "tiny", 9, base);
  }

  @ParameterizedTest
  @ValueSource(strings = {"awq", "gptq", "sparsegpt"})
  void resumedRunWritesTheUninterruptedCheckpoint(String method) throws Exception {
    CompressionSpec spec = CompressionSpec.parse(method, Map.of("nsamples", "3", "seqlen", "16"));
    CalibrationSet calib = CompressionPipeline.calibrate(base, spec, DefaultCorpus.load());

    Path whole = tmp.resolve("whole");
    CompressionPipeline.compress(base, spec, calib, whole, ProgressListener.NONE, null, null);

    Path resumeDir = tmp.resolve("out.resume");
    Path out = tmp.resolve("out");
    assertThatThrownBy(
            () ->
                CompressionPipeline.compress(base, spec, calib, out, killAfter(1), null, resumeDir))
        .isInstanceOf(Killed.class);
    assertThat(resumeDir.resolve("walk.json")).isRegularFile();
    assertThat(out).doesNotExist();

    List<Integer> layersWalked = new ArrayList<>();
    CompressionPipeline.compress(
        base, spec, calib, out, (done, total, eta) -> layersWalked.add(done), null, resumeDir);

    assertThat(layersWalked).as("layer 1 is not compressed again").startsWith(2).doesNotContain(1);
    assertThat(resumeDir).as("progress is deleted once the checkpoint is written").doesNotExist();
    Map<String, byte[]> expected = files(whole);
    Map<String, byte[]> actual = files(out);
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (String name : expected.keySet()) {
      if (!name.equals("compression-report.json")) {
        assertThat(java.util.Arrays.mismatch(actual.get(name), expected.get(name)))
            .as("first differing byte of %s", name)
            .isEqualTo(-1);
      }
    }
  }

  @Test
  void progressOfAnotherCalibrationIsDiscardedAndTheWalkStartsOver() throws Exception {
    CompressionSpec spec = CompressionSpec.parse("gptq", Map.of("nsamples", "3", "seqlen", "16"));
    CalibrationSet calib = CompressionPipeline.calibrate(base, spec, DefaultCorpus.load());
    CompressionSpec otherSeed =
        CompressionSpec.parse("gptq", Map.of("nsamples", "3", "seqlen", "16", "seed", "5"));
    CalibrationSet other = CompressionPipeline.calibrate(base, otherSeed, DefaultCorpus.load());
    assertThat(other.digest()).isNotEqualTo(calib.digest());

    Path resumeDir = tmp.resolve("out.resume");
    assertThatThrownBy(
            () ->
                CompressionPipeline.compress(
                    base, spec, calib, tmp.resolve("a"), killAfter(1), null, resumeDir))
        .isInstanceOf(Killed.class);
    List<Integer> layersWalked = new ArrayList<>();
    CompressionPipeline.compress(
        base,
        otherSeed,
        other,
        tmp.resolve("b"),
        (done, total, eta) -> layersWalked.add(done),
        null,
        resumeDir);
    assertThat(layersWalked).startsWith(1);
  }

  @Test
  void aWalkWhoseProgressIsLockedByAnotherWalkNeitherResumesNorSaves() throws Exception {
    CompressionSpec spec = CompressionSpec.parse("rtn", Map.of("nsamples", "2", "seqlen", "8"));
    CalibrationSet calib = CompressionPipeline.calibrate(base, spec, DefaultCorpus.load());
    Path resumeDir = tmp.resolve("out.resume");
    try (WalkResume other = new WalkResume(resumeDir, "another walk")) {
      assertThat(other.tryLock()).isTrue();
      List<Integer> layersWalked = new ArrayList<>();
      CompressionPipeline.compress(
          base,
          spec,
          calib,
          tmp.resolve("out"),
          (done, total, eta) -> layersWalked.add(done),
          null,
          resumeDir);
      assertThat(layersWalked).startsWith(1);
      assertThat(resumeDir.resolve("walk.json")).doesNotExist();
      assertThat(tmp.resolve("out").resolve("config.json")).isRegularFile();
    }
  }

  @Test
  void damagedProgressIsAClearErrorThatNamesTheFileAndKeepsIt() throws Exception {
    CompressionSpec spec = CompressionSpec.parse("rtn", Map.of("nsamples", "2", "seqlen", "8"));
    CalibrationSet calib = CompressionPipeline.calibrate(base, spec, DefaultCorpus.load());
    Path resumeDir = tmp.resolve("out.resume");
    assertThatThrownBy(
            () ->
                CompressionPipeline.compress(
                    base, spec, calib, tmp.resolve("a"), killAfter(1), null, resumeDir))
        .isInstanceOf(Killed.class);
    Path layer0 = resumeDir.resolve("layer-0000.bin");
    byte[] bytes = Files.readAllBytes(layer0);
    Files.write(layer0, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // truncated

    assertThatThrownBy(
            () ->
                CompressionPipeline.compress(
                    base, spec, calib, tmp.resolve("b"), ProgressListener.NONE, null, resumeDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("layer-0000.bin")
        .hasMessageContaining("delete " + resumeDir);
    assertThat(layer0).as("nothing is deleted on the user's behalf").exists();
  }

  private static ProgressListener killAfter(int layers) {
    return (done, total, eta) -> {
      if (done == layers) {
        throw new Killed();
      }
    };
  }

  private static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path f : list.toList()) {
        files.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
    }
    return files;
  }
}
