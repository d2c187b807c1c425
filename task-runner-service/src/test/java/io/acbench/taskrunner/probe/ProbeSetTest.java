package io.acbench.taskrunner.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProbeSetTest {

  @Test
  void windowsAreNonOverlappingFromTheStartWithTheRemainderDropped() {
    int[] tokens = IntStream.range(100, 170).toArray(); // 70 tokens
    List<int[]> windows = ProbeSet.windows(tokens, 32, 50);
    assertThat(windows).hasSize(2);
    assertThat(windows.get(0)).isEqualTo(IntStream.range(100, 132).toArray());
    assertThat(windows.get(1)).isEqualTo(IntStream.range(132, 164).toArray());
  }

  @Test
  void onlyTheFirstWindowsAreKept() {
    int[] tokens = IntStream.range(0, 100).toArray();
    List<int[]> windows = ProbeSet.windows(tokens, 10, 3);
    assertThat(windows).hasSize(3);
    assertThat(windows.get(2)).startsWith(20).endsWith(29);
  }

  @Test
  void tooFewTokensAndBadSettingsAreErrors() {
    assertThatThrownBy(() -> ProbeSet.windows(new int[5], 32, 50))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("5 tokens, fewer than one window of 32");
    assertThatThrownBy(() -> ProbeSet.windows(new int[64], 0, 50))
        .hasMessageContaining("window-tokens (0)");
  }

  @Test
  void theBuiltInCorpusIsSeveralKilobytesOfProseAndUnknownSetsAreRefused() {
    String corpus = ProbeSet.corpus(ProbeSet.BUILTIN_V1);
    // 50 windows of 32 tokens need about 1,600 tokens: at ~4 characters a token, over 6 KB
    assertThat(corpus.length()).isGreaterThan(8_000);
    assertThat(corpus.split("\n\n")).hasSizeGreaterThan(15);
    assertThatThrownBy(() -> ProbeSet.corpus("wikitext-2"))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("unknown probe set 'wikitext-2'");
  }
}
