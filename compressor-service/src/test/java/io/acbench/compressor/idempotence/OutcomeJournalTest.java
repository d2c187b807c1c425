package io.acbench.compressor.idempotence;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.CompressionFailed;
import io.acbench.contracts.events.ModelReady;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutcomeJournalTest {

  @TempDir Path dir;

  private static ModelReady ready(String evaluationId, String variantId, String digest) {
    return ModelReady.of(
        evaluationId,
        variantId,
        "gptq",
        "gptq-0123456789ab",
        digest,
        "file:///artifacts/variants/" + digest + "/",
        List.of("teval/plan_str"));
  }

  private static Outcome.Registration reg(String name) {
    return new Outcome.Registration(name, Path.of("/repo", name));
  }

  @Test
  void recordedOutcomesSurviveReopeningWithTheSameEvent() {
    ModelReady event = ready("ev-1", "gptq-w4", "a".repeat(64));
    CompressionFailed failure = CompressionFailed.of("ev-1", "bad", "variant bad: nope", false);
    try (OutcomeJournal journal = OutcomeJournal.open(dir)) {
      journal.record(Outcome.ready(event, List.of(reg("gptq-0123456789ab"))));
      journal.record(Outcome.failed(failure));
      assertThat(journal.find("ev-1", "gptq-w4")).isPresent();
    }
    try (OutcomeJournal again = OutcomeJournal.open(dir)) {
      assertThat(again.problems()).isEmpty();
      assertThat(again.size()).isEqualTo(2);
      Outcome o = again.find("ev-1", "gptq-w4").orElseThrow();
      assertThat(o.topic()).isEqualTo(Topics.MODEL_READY);
      assertThat(o.event()).isEqualTo(event);
      assertThat(o.registrations()).containsExactly(reg("gptq-0123456789ab"));
      Outcome f = again.find("ev-1", "bad").orElseThrow();
      assertThat(f.event()).isEqualTo(failure);
      assertThat(f.registrations()).isEmpty();
      assertThat(again.find("ev-1", "other")).isEmpty();
      assertThat(again.find("ev-2", "gptq-w4")).isEmpty();
    }
  }

  @Test
  void corruptLinesAreReportedAndSkippedAndTheRestIsKept() throws Exception {
    Path file = dir.resolve(OutcomeJournal.FILE);
    ModelReady first = ready("ev-1", "a", "1".repeat(64));
    ModelReady second = ready("ev-1", "b", "2".repeat(64));
    ModelReady third = ready("ev-1", "c", "3".repeat(64));
    String good1 = OutcomeJournal.line(Outcome.ready(first, List.of(reg("m1"))));
    String good2 = OutcomeJournal.line(Outcome.ready(second, List.of(reg("m2"))));
    String flipped =
        OutcomeJournal.line(Outcome.ready(third, List.of(reg("m3"))))
            .replace("3".repeat(64), "4".repeat(64));
    String noOutcome = "{\"crc32\":\"00000000\"}";
    String badEvent =
        OutcomeJournal.line(
            new Outcome("ev-1", "d", Topics.MODEL_READY, "{\"schemaVersion\":1}", List.of()));
    String torn = good2.substring(0, good2.length() / 2);
    Files.writeString(
        file,
        String.join("\n", good1, "garbage {", flipped, noOutcome, badEvent, good2, torn),
        StandardCharsets.UTF_8);
    byte[] before = Files.readAllBytes(file);

    try (OutcomeJournal journal = OutcomeJournal.open(dir)) {
      assertThat(journal.problems())
          .hasSize(5)
          .satisfiesExactly(
              p -> assertThat(p).contains("line 2: not valid JSON"),
              p -> assertThat(p).contains("line 3: checksum mismatch"),
              p -> assertThat(p).contains("line 4: not a journal entry"),
              p -> assertThat(p).contains("line 5: ").contains("malformed event"),
              p -> assertThat(p).contains("line 7: no newline at its end"));
      assertThat(journal.problems()).allSatisfy(p -> assertThat(p).startsWith(file.toString()));
      assertThat(journal.find("ev-1", "a").orElseThrow().event()).isEqualTo(first);
      assertThat(journal.find("ev-1", "b").orElseThrow().event()).isEqualTo(second);
      assertThat(journal.find("ev-1", "c")).isEmpty();
      assertThat(journal.find("ev-1", "d")).isEmpty();
      assertThat(Files.readAllBytes(file)).isEqualTo(before);
      journal.record(Outcome.ready(third, List.of(reg("m3"))));
    }
    try (OutcomeJournal again = OutcomeJournal.open(dir)) {
      assertThat(again.find("ev-1", "c").orElseThrow().event()).isEqualTo(third);
      assertThat(again.problems()).hasSize(5);
      assertThat(again.problems().getLast()).contains("line 7: ");
      assertThat(Files.readString(file)).startsWith(new String(before, StandardCharsets.UTF_8));
    }
  }

  @Test
  void theLaterRecordOfAPairWins() throws Exception {
    ModelReady old = ready("ev-1", "a", "1".repeat(64));
    ModelReady rebuilt = ready("ev-1", "a", "9".repeat(64));
    try (OutcomeJournal journal = OutcomeJournal.open(dir)) {
      journal.record(Outcome.ready(old, List.of(reg("m"))));
      journal.record(Outcome.ready(rebuilt, List.of(reg("m"))));
    }
    Files.writeString(dir.resolve(OutcomeJournal.FILE), "\n", StandardOpenOption.APPEND);
    try (OutcomeJournal again = OutcomeJournal.open(dir)) {
      assertThat(again.problems()).isEmpty();
      assertThat(again.size()).isEqualTo(1);
      assertThat(again.find("ev-1", "a").orElseThrow().event()).isEqualTo(rebuilt);
    }
  }
}
