package io.acbench.metrics.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class JacobiEigenTest {

  @Test
  void twoByTwo() {
    // [[2,1],[1,2]]: (2-l)^2 = 1, l = 3, 1.
    assertThat(JacobiEigen.eigenvalues(new double[] {2, 1, 1, 2}, 2))
        .containsExactly(new double[] {3, 1}, within(1e-13));
  }

  @Test
  void tridiagonalSecondDifferenceMatrix() {
    // [[2,-1,0],[-1,2,-1],[0,-1,2]]: l = 2 - 2cos(j pi / 4), j = 1..3 = 2 + sqrt2, 2, 2 - sqrt2.
    double[] a = {2, -1, 0, -1, 2, -1, 0, -1, 2};
    double r = Math.sqrt(2);
    assertThat(JacobiEigen.eigenvalues(a, 3))
        .containsExactly(new double[] {2 + r, 2, 2 - r}, within(1e-13));
  }

  @Test
  void blockMatrixWithARepeatedAndAZeroEigenvalue() {
    // [[1,1,0,0],[1,1,0,0],[0,0,3,0],[0,0,0,2]]: the 2x2 ones block has 2 and 0.
    double[] a = {1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 3, 0, 0, 0, 0, 2};
    assertThat(JacobiEigen.eigenvalues(a, 4))
        .containsExactly(new double[] {3, 2, 2, 0}, within(1e-13));
  }

  @Test
  void randomPsdMatrixKeepsTraceAndFrobeniusNorm() {
    Random rnd = new Random(11);
    int n = 24;
    double[][] g = new double[n][7];
    for (double[] row : g) {
      for (int j = 0; j < row.length; j++) {
        row[j] = rnd.nextGaussian();
      }
    }
    double[] a = new double[n * n];
    double trace = 0;
    double frob = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int c = 0; c < 7; c++) {
          a[i * n + j] += g[i][c] * g[j][c];
        }
        frob += a[i * n + j] * a[i * n + j];
      }
      trace += a[i * n + i];
    }
    double[] l = JacobiEigen.eigenvalues(a, n);
    double sum = 0;
    double squares = 0;
    for (double v : l) {
      sum += v;
      squares += v * v;
    }
    assertThat(sum).isCloseTo(trace, within(1e-9));
    assertThat(squares).isCloseTo(frob, within(1e-7));
    // rank 7: the 17 smallest eigenvalues vanish, the 7th is clearly positive
    assertThat(l[6]).isGreaterThan(1e-3);
    for (int i = 7; i < n; i++) {
      assertThat(l[i]).isCloseTo(0, within(1e-10));
    }
  }

  @Test
  void inputIsNotModifiedAndAsymmetryIsRejected() {
    double[] a = {2, 1, 1, 2};
    JacobiEigen.eigenvalues(a, 2);
    assertThat(a).containsExactly(2, 1, 1, 2);
    assertThatThrownBy(() -> JacobiEigen.eigenvalues(new double[] {1, 2, 3, 4}, 2))
        .hasMessageContaining("not symmetric");
  }
}
