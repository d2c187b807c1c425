package io.acbench.compressor.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acbench.runtime.fixtures.FixtureModels;
import io.acbench.runtime.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationTest {

  @TempDir Path tmp;

  @Test
  void textFilesSplitIntoDocumentsAtBlankLines() throws Exception {
    Path file = tmp.resolve("c.txt");
    Files.writeString(file, "first line\nsecond line\n\n\n  \nthird doc\r\n\r\nfourth");
    assertThat(CalibrationFiles.read(file).documents())
        .containsExactly("first line\nsecond line", "third doc", "fourth");
  }

  @Test
  void jsonlReadsTheTextFieldAndNamesTheBadLine() throws Exception {
    Path good = tmp.resolve("good.jsonl");
    Files.writeString(good, "{\"text\": \"a b\"}\n\n{\"text\": \"c\", \"id\": 3}\n");
    assertThat(CalibrationFiles.read(good).documents()).containsExactly("a b", "c");

    Path badJson = tmp.resolve("bad.jsonl");
    Files.writeString(badJson, "{\"text\": \"ok\"}\n{\"text\": \n");
    assertThatThrownBy(() -> CalibrationFiles.read(badJson))
        .hasMessageContaining("line 2")
        .hasMessageContaining("not valid JSON");
    Path noText = tmp.resolve("notext.jsonl");
    Files.writeString(noText, "{\"text\": \"ok\"}\n{\"text\": \"ok\"}\n{\"text\": 5}\n");
    assertThatThrownBy(() -> CalibrationFiles.read(noText))
        .hasMessageContaining("line 3")
        .hasMessageContaining("field 'text' must be a string");
    assertThatThrownBy(() -> CalibrationFiles.read(tmp.resolve("c.csv")))
        .hasMessageContaining("does not exist");
    Path csv = tmp.resolve("c.csv");
    Files.writeString(csv, "a,b");
    assertThatThrownBy(() -> CalibrationFiles.read(csv)).hasMessageContaining(".txt or .jsonl");
  }

  @Test
  void windowsAreSeededSlicesOfTheJoinedTokenStream() throws Exception {
    Path model = tmp.resolve("m");
    FixtureModels.write("qwen2", "tiny", 1, model);
    CalibrationSource corpus = DefaultCorpus.load();
    assertThat(corpus.documents().size()).isGreaterThan(10);
    try (Tokenizer tok = Tokenizer.load(model)) {
      int[] stream = tok.encode(String.join("\n\n", corpus.documents()), false);
      CalibrationSet a = CalibrationSampler.sample(corpus, tok, 6, 40, 5);
      CalibrationSet b = CalibrationSampler.sample(corpus, tok, 6, 40, 5);
      CalibrationSet c = CalibrationSampler.sample(corpus, tok, 6, 40, 6);
      assertThat(a.nsamples()).isEqualTo(6);
      assertThat(a.seqLen()).isEqualTo(40);
      assertThat(a.streamTokens()).isEqualTo(stream.length);
      for (int[] window : a.samples()) {
        assertThat(isSliceOf(window, stream)).isTrue();
      }
      assertThat(a.digest()).isEqualTo(b.digest()).isNotEqualTo(c.digest());
      assertThatThrownBy(() -> CalibrationSampler.sample(corpus, tok, 1, stream.length, 0))
          .hasMessageContaining("needs at least " + (stream.length + 1));
    }
  }

  @Test
  void promptsFromTasksBecomeDocuments() {
    CalibrationSource s =
        PromptCalibration.of(t -> List.of(t + " prompt", " "), List.of("teval/plan", "os"));
    assertThat(s.documents()).containsExactly("teval/plan prompt", "os prompt");
    assertThatThrownBy(() -> PromptCalibration.of(t -> List.of(), List.of("x")))
        .hasMessageContaining("no prompt text");
  }

  private static boolean isSliceOf(int[] window, int[] stream) {
    for (int i = 0; i + window.length <= stream.length; i++) {
      if (Arrays.equals(window, 0, window.length, stream, i, i + window.length)) {
        return true;
      }
    }
    return false;
  }
}
