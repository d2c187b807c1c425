package io.acbench.runtime.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected strings were printed by CPython 3.11's {@code json.dumps} and {@code repr}. */
class PyJsonTest {

  @Test
  void floatsUsePythonRepr() {
    assertThat(PyJson.floatRepr(0.1)).isEqualTo("0.1");
    assertThat(PyJson.floatRepr(1e16)).isEqualTo("1e+16");
    assertThat(PyJson.floatRepr(1e15)).isEqualTo("1000000000000000.0");
    assertThat(PyJson.floatRepr(1e-5)).isEqualTo("1e-05");
    assertThat(PyJson.floatRepr(0.0001)).isEqualTo("0.0001");
    assertThat(PyJson.floatRepr(123456789.0)).isEqualTo("123456789.0");
    assertThat(PyJson.floatRepr(1.5e300)).isEqualTo("1.5e+300");
    assertThat(PyJson.floatRepr(-0.0)).isEqualTo("-0.0");
    assertThat(PyJson.floatRepr(5e-324)).isEqualTo("5e-324");
    assertThat(PyJson.floatRepr(1.0 / 3)).isEqualTo("0.3333333333333333");
  }

  @Test
  void defaultSeparatorsKeepInsertionOrderAndNonAscii() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("b", new ArrayList<>(Arrays.asList(1, 2.0, null, true, Map.of())));
    value.put("a", Map.of("x", List.of()));
    value.put("é", "line\nbreak \"q\" \\ \u0001 \t");
    assertThat(PyJson.dumps(value, null, false, false))
        .isEqualTo(
            "{\"b\": [1, 2.0, null, true, {}], \"a\": {\"x\": []}, "
                + "\"é\": \"line\\nbreak \\\"q\\\" \\\\ \\u0001 \\t\"}");
  }

  @Test
  void indentSortKeysAndEnsureAsciiFollowJsonDumps() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("b", List.of(1, Map.of("k", "v")));
    value.put("a", "é🙂");
    assertThat(PyJson.dumps(value, 2, true, true))
        .isEqualTo(
            """
            {
              "a": "\\u00e9\\ud83d\\ude42",
              "b": [
                1,
                {
                  "k": "v"
                }
              ]
            }""");
  }
}
