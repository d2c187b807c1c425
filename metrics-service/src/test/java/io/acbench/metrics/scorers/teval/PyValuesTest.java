package io.acbench.metrics.scorers.teval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PyValuesTest {

  @Test
  void reprMatchesPythonForDictsListsAndScalars() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("q", "paris");
    m.put("n", 3L);
    m.put("f", 0.5);
    m.put("b", true);
    m.put("z", null);
    m.put("l", List.of(1L, "a"));
    assertThat(PyValues.repr(m))
        .isEqualTo("{'q': 'paris', 'n': 3, 'f': 0.5, 'b': True, 'z': None, 'l': [1, 'a']}");
    assertThat(PyValues.repr("it's")).isEqualTo("\"it's\"");
    assertThat(PyValues.repr("a'b\"c\n")).isEqualTo("'a\\'b\"c\\n'");
    assertThat(PyValues.str("plain")).isEqualTo("plain");
  }

  @Test
  void floatReprUsesPythonExponentRules() {
    assertThat(PyValues.floatRepr(1e16)).isEqualTo("1e+16");
    assertThat(PyValues.floatRepr(1e-5)).isEqualTo("1e-05");
    assertThat(PyValues.floatRepr(0.0001)).isEqualTo("0.0001");
    assertThat(PyValues.floatRepr(123456789.0)).isEqualTo("123456789.0");
    assertThat(PyValues.floatRepr(0.1)).isEqualTo("0.1");
    assertThat(PyValues.floatRepr(-2.5e20)).isEqualTo("-2.5e+20");
  }

  @Test
  void equalityIsTyped() {
    assertThat(PyValues.pyEquals(3L, "3")).isFalse();
    assertThat(PyValues.pyEquals(3L, 3.0)).isTrue();
    assertThat(PyValues.pyEquals(true, 1)).isTrue();
    assertThat(PyValues.pyEquals(List.of(1L, "a"), List.of(1, "a"))).isTrue();
    assertThat(PyValues.pyEquals(null, "None")).isFalse();
  }
}
