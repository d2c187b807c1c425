package io.acbench.metrics.report;

import io.acbench.metrics.store.SampleRecord;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The Needle-in-a-Haystack heat map of one variant (benchmark-spec §3.5): rows = depth, columns =
 * context length, each cell the mean score of its samples. A sample is placed by its metrics {@code
 * context_length} and {@code depth_percent}; samples without them are not drawn.
 */
final class NeedleGrids {

  /** The pretrained length of the spec's heat maps, where the dashed line goes. */
  static final int PRETRAINED_LENGTH = 33_000;

  private NeedleGrids() {}

  static Optional<ReportModel.NeedleGrid> of(String variantId, List<SampleRecord> samples) {
    List<SampleRecord> placed =
        samples.stream()
            .filter(
                s ->
                    s.score() != null
                        && s.metrics().containsKey(ReportAssembler.NEEDLE_LENGTH)
                        && s.metrics().containsKey(ReportAssembler.NEEDLE_DEPTH))
            .toList();
    if (placed.isEmpty()) {
      return Optional.empty();
    }
    TreeSet<Integer> lengths = new TreeSet<>();
    TreeSet<Integer> depths = new TreeSet<>();
    placed.forEach(
        s -> {
          lengths.add(length(s));
          depths.add(depth(s));
        });
    int[] l = lengths.stream().mapToInt(Integer::intValue).toArray();
    int[] d = depths.stream().mapToInt(Integer::intValue).toArray();
    double[][] sum = new double[d.length][l.length];
    int[][] count = new int[d.length][l.length];
    for (SampleRecord s : placed) {
      int row = depths.headSet(depth(s)).size();
      int col = lengths.headSet(length(s)).size();
      sum[row][col] += s.score();
      count[row][col]++;
    }
    for (int r = 0; r < d.length; r++) {
      for (int c = 0; c < l.length; c++) {
        sum[r][c] = count[r][c] == 0 ? Double.NaN : sum[r][c] / count[r][c];
      }
    }
    Integer pretrained = l[l.length - 1] >= PRETRAINED_LENGTH ? PRETRAINED_LENGTH : null;
    return Optional.of(new ReportModel.NeedleGrid(variantId, l, d, sum, pretrained));
  }

  private static int length(SampleRecord s) {
    return (int) Math.round(s.metrics().get(ReportAssembler.NEEDLE_LENGTH));
  }

  private static int depth(SampleRecord s) {
    return (int) Math.round(s.metrics().get(ReportAssembler.NEEDLE_DEPTH));
  }
}
