package io.acbench.taskrunner.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acbench.contracts.events.ModelReady;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors only: the happy path loads the native tokenizer and runs in {@code ProbeFlowTest}. */
class TokenizerWindowsTest {

  @TempDir Path dir;

  private static ModelReady ready(String uri, String probeSet) {
    return ModelReady.of("ev", "base", "none", "m", "sha", uri, List.of(), probeSet, "m-probe");
  }

  @Test
  void aMissingTokenizerIsAProbeFailureNamingTheFile() {
    assertThatThrownBy(
            () -> new TokenizerWindows(32, 50).windows(ready(dir.toUri().toString(), "builtin-v1")))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining(dir.resolve("tokenizer.json").toString());
  }

  @Test
  void anUnknownProbeSetIsAProbeFailure() {
    assertThatThrownBy(() -> new TokenizerWindows(32, 50).windows(ready(dir.toString(), "x")))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("unknown probe set 'x'");
  }

  @Test
  void artifactUrisAndPlainPathsNameTheSameDirectory() {
    assertThat(TokenizerWindows.artifactDir(dir.toUri().toString())).isEqualTo(dir);
    assertThat(TokenizerWindows.artifactDir(dir.toString())).isEqualTo(dir);
  }
}
