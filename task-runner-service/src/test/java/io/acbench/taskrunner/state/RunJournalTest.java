package io.acbench.taskrunner.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunJournalTest {

  @Test
  void entriesSurviveReopeningAndATornLastLineIsDropped(@TempDir Path dir) throws Exception {
    try (RunJournal j = RunJournal.open(dir, "ev", "v", "t")) {
      j.recordSample("a", "d1");
      j.recordSample("b", "d2");
    }
    Path file;
    try (var files = Files.list(dir)) {
      file = files.findFirst().orElseThrow();
    }
    Files.writeString(file, "{\"d\":\"d3\",\"s\":\"c", StandardOpenOption.APPEND);
    try (RunJournal j = RunJournal.open(dir, "ev", "v", "t")) {
      assertThat(j.emitted()).isEqualTo(Map.of("a", "d1", "b", "d2"));
      assertThat(j.completed()).isEmpty();
      j.recordSample("c", "d3");
      j.recordCompleted(3);
    }
    try (RunJournal j = RunJournal.open(dir, "ev", "v", "t")) {
      assertThat(j.emitted()).isEqualTo(Map.of("a", "d1", "b", "d2", "c", "d3"));
      assertThat(j.completed()).isEqualTo(OptionalInt.of(3));
    }
    assertThat(Files.readAllLines(file)).hasSize(4);
    try (RunJournal other = RunJournal.open(dir, "ev", "v2", "t")) {
      assertThat(other.emitted()).isEmpty();
    }
  }

  @Test
  void aCorruptCompleteLineIsAnErrorNamingTheLine(@TempDir Path dir) throws Exception {
    try (RunJournal j = RunJournal.open(dir, "ev", "v", "t")) {
      j.recordSample("a", "d1");
    }
    Path file;
    try (var files = Files.list(dir)) {
      file = files.findFirst().orElseThrow();
    }
    Files.writeString(file, "{\"x\":1}\n", StandardOpenOption.APPEND);
    assertThatThrownBy(() -> RunJournal.open(dir, "ev", "v", "t"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("line 2 has neither 's' nor 't'");
  }
}
