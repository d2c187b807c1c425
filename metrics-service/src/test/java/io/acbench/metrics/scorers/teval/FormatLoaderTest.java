package io.acbench.metrics.scorers.teval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormatLoaderTest {

  @Test
  void postProcessCutsAtTheFirstSpecialTokenAndDropsTheJsonFence() {
    assertThat(FormatLoader.postProcess("{\"a\": 1}<|im_end|>\n<|im_start|>user"))
        .isEqualTo("{\"a\": 1}");
    assertThat(FormatLoader.postProcess("  answer: B\nuser: next question")).isEqualTo("answer: B");
    assertThat(FormatLoader.postProcess("```json\n{\"a\": 1}\n```")).isEqualTo("{\"a\": 1}");
    assertThat(FormatLoader.postProcess("ok<eoa>[INST] more")).isEqualTo("ok");
    assertThat(FormatLoader.postProcess("[INST] x")).isEmpty();
    assertThat(FormatLoader.postProcess(null)).isEmpty();
  }

  @Test
  void pythonLiteralIsTriedFirst() {
    Object v =
        FormatLoader.load(
                "{'name': 'Search', 'args': {'q': 'paris', 'n': 3}, 'ok': True, 'x': None}",
                null,
                null)
            .orElseThrow();
    assertThat(v).isInstanceOf(Map.class);
    Map<?, ?> m = (Map<?, ?>) v;
    assertThat(m.get("name")).isEqualTo("Search");
    assertThat(((Map<?, ?>) m.get("args")).get("n")).isEqualTo(3L);
    assertThat(m.get("ok")).isEqualTo(true);
    assertThat(m.containsKey("x")).isTrue();
    assertThat(m.get("x")).isNull();
  }

  @Test
  void jsonIsTriedWhenTheLiteralFailsThenJsonWithQuotesReplaced() {
    Map<?, ?> json =
        (Map<?, ?>) FormatLoader.load("{\"a\": true, \"b\": null}", null, null).orElseThrow();
    assertThat(json.get("a")).isEqualTo(true);
    Map<?, ?> replaced =
        (Map<?, ?>) FormatLoader.load("{'a': true, 'b': [1, 2]}", null, null).orElseThrow();
    assertThat(replaced.get("a")).isEqualTo(true);
    assertThat(replaced.get("b")).isEqualTo(List.of(1, 2));
  }

  @Test
  void fenceAndStartEndSlicingExtractTheValueFromProse() {
    assertThat(
            FormatLoader.load("Here you go:\n```json\n[{\"id\": 0}]\n```", null, null)
                .orElseThrow())
        .isEqualTo(List.of(Map.of("id", 0L)));
    assertThat(FormatLoader.load("The plan is [1, 2] and that is all", "[", "]").orElseThrow())
        .isEqualTo(List.of(1L, 2L));
    Map<?, ?> m =
        (Map<?, ?>) FormatLoader.load("thought: {'a': {'b': 1}} trailing", "{", "}").orElseThrow();
    assertThat(m.get("a")).isEqualTo(Map.of("b", 1L));
  }

  @Test
  void unparseableTextIsEmptyIncludingThePythonFindQuirkWhenStartIsAbsent() {
    assertThat(FormatLoader.load("not json at all", null, null)).isEmpty();
    assertThat(FormatLoader.load("{'a': }", null, null)).isEmpty();
    assertThat(FormatLoader.load("abc", "[", "]")).isEmpty();
    // find('[') = -1 keeps only the last character: "7" parses as a number
    assertThat(FormatLoader.load("x 7", "[", null).orElseThrow()).isEqualTo(7L);
    assertThat(FormatLoader.load("{\"a\": 1} extra", null, null)).isEmpty();
  }
}
