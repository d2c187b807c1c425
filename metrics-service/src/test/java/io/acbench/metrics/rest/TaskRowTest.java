package io.acbench.metrics.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.acbench.metrics.store.TaskResultRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskRowTest {

  private static TaskResultRecord scored(String variant, String task, double score) {
    return new TaskResultRecord(
        "ev",
        variant,
        task,
        "SCORED",
        "f1",
        score,
        score - 0.1,
        score + 0.1,
        3,
        Map.of("f1", score),
        null);
  }

  @Test
  void deltasAreAgainstTheBaseOfTheSameTask() {
    List<TaskRow> rows =
        TaskRow.of(
            List.of(
                scored("base", "a", 0.8),
                scored("v", "a", 0.6),
                scored("base", "b", 0.0),
                scored("v", "b", 0.2),
                scored("v", "c", 0.5)));
    TaskRow va = rows.get(1);
    assertThat(va.delta()).isCloseTo(-0.2, within(1e-12));
    assertThat(va.relativeDelta()).isCloseTo(-0.25, within(1e-12));
    assertThat(rows.get(0).delta()).isEqualTo(0.0);
    assertThat(rows.get(3).delta()).isCloseTo(0.2, within(1e-12));
    assertThat(rows.get(3).relativeDelta()).isNull(); // base 0
    assertThat(rows.get(4).delta()).isNull(); // no base result
  }

  @Test
  void csvQuotesFieldsWithCommasQuotesAndLineBreaks() {
    TaskRow failed =
        TaskRow.of(List.of(TaskResultRecord.failed("ev", "v", "t", 0, "bad \"json\", line\nbreak")))
            .getFirst();
    assertThat(failed.csv()).isEqualTo("v,t,FAILED,,,,,0,,,\"bad \"\"json\"\", line\nbreak\"");
    assertThat(TaskRow.CSV_HEADER.split(","))
        .hasSize(failed.csv().split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)").length);
  }
}
