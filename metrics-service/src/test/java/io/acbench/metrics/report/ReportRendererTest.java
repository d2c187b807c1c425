package io.acbench.metrics.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.metrics.report.ReportModel.CapabilityScore;
import io.acbench.metrics.report.ReportModel.Score;
import io.acbench.metrics.report.ReportModel.TaskScore;
import io.acbench.metrics.report.ReportModel.Variant;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportRendererTest {

  private static final String SVG_NS = "http://www.w3.org/2000/svg";

  /** Base 0.800 / variant 0.700 on one capability: change -0.100, -12.5%. */
  private static ReportModel small(List<ReportModel.TopKCurve> curves) {
    List<Variant> variants =
        List.of(new Variant("base", "base <fp16>", true), new Variant("gptq", "GPTQ & co", false));
    List<TaskScore> tasks =
        List.of(
            new TaskScore(
                "base",
                "teval/plan",
                "action-execution",
                new Score(0.8, 0.7125, 0.8875, null, null, null, null),
                80,
                null,
                null),
            new TaskScore(
                "gptq",
                "teval/plan",
                "action-execution",
                new Score(0.7, 0.6, 0.8, -0.1, -0.125, 0.0213, "mcnemar-exact"),
                80,
                9,
                1));
    List<CapabilityScore> caps =
        List.of(
            new CapabilityScore("base", "action-execution", Score.plain(0.8)),
            new CapabilityScore(
                "gptq", "action-execution", new Score(0.7, null, null, -0.1, -0.125, null, null)));
    return new ReportModel(
        "Small report",
        "ev-1",
        "tiny",
        variants,
        tasks,
        caps,
        List.of(),
        List.of(),
        curves,
        List.of(),
        List.of("a note"));
  }

  private static Document parse(String html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> svgIds(Document doc) {
    NodeList svgs = doc.getElementsByTagNameNS(SVG_NS, "svg");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < svgs.getLength(); i++) {
      ids.add(((Element) svgs.item(i)).getAttribute("id"));
    }
    return ids;
  }

  private static String cellText(Document doc, String tableId, int row, int col) {
    Element table = doc.getElementById(tableId);
    if (table == null) {
      NodeList tables = doc.getElementsByTagName("table");
      for (int i = 0; i < tables.getLength(); i++) {
        if (((Element) tables.item(i)).getAttribute("id").equals(tableId)) {
          table = (Element) tables.item(i);
        }
      }
    }
    Element tr = (Element) table.getElementsByTagName("tbody").item(0).getChildNodes().item(row);
    return tr.getChildNodes().item(col).getTextContent();
  }

  @Test
  void smallReportHasTablesAndDropBarsButNoProbePlots() throws Exception {
    Document doc = parse(ReportRenderer.html(small(List.of())));
    assertThat(svgIds(doc)).containsExactly("drop-bars");
    assertThat(cellText(doc, "table-capabilities", 0, 0)).isEqualTo("action-execution");
    assertThat(cellText(doc, "table-capabilities", 0, 1)).isEqualTo("0.800");
    assertThat(cellText(doc, "table-capabilities", 0, 2)).isEqualTo("0.700 (-0.100, -12.5%)");
    assertThat(cellText(doc, "table-tasks", 1, 4)).isEqualTo("[0.600, 0.800]");
    assertThat(cellText(doc, "table-tasks", 1, 7)).isEqualTo("0.021 (mcnemar-exact)");
    assertThat(cellText(doc, "table-tasks", 1, 8)).isEqualTo("9 / 1");
    String html = ReportRenderer.html(small(List.of()));
    assertThat(html)
        .doesNotContain("section-needle", "section-energy", "section-topk", "section-erank");
    assertThat(html).contains("base &lt;fp16&gt;", "GPTQ &amp; co");
  }

  @Test
  void dropBarIsDrawnDownwardsWithItsValueInTheTooltip() throws Exception {
    Document doc = parse(ReportRenderer.html(small(List.of())));
    NodeList titles = doc.getElementsByTagNameNS(SVG_NS, "title");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < titles.getLength(); i++) {
      texts.add(titles.item(i).getTextContent());
    }
    assertThat(texts).contains("GPTQ & co / action-execution: -12.5%");
  }

  @Test
  void baseOnlyReportHasNoDropBars() throws Exception {
    ReportModel m = small(List.of());
    ReportModel baseOnly =
        new ReportModel(
            m.title(),
            m.evaluationId(),
            m.baseModel(),
            List.of(m.variants().get(0)),
            List.of(m.taskScores().get(0)),
            List.of(m.capabilityScores().get(0)),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    Document doc = parse(ReportRenderer.html(baseOnly));
    assertThat(svgIds(doc)).isEmpty();
    assertThat(ReportRenderer.html(baseOnly)).doesNotContain("section-drops", "section-notes");
  }

  @Test
  void nanPointsBreakTheCurveInsteadOfLeakingIntoTheSvg() throws Exception {
    double[] tau = {0.8, Double.NaN, 0.6, 0.7};
    ReportModel m = small(List.of(new ReportModel.TopKCurve("gptq", 3, tau, tau.clone())));
    String html = ReportRenderer.html(m);
    Document doc = parse(html);
    assertThat(svgIds(doc)).contains("topk-kendall-gptq", "topk-spearman-gptq");
    assertThat(html).doesNotContain("NaN");
    Element kendall = null;
    NodeList svgs = doc.getElementsByTagNameNS(SVG_NS, "svg");
    for (int i = 0; i < svgs.getLength(); i++) {
      if (((Element) svgs.item(i)).getAttribute("id").equals("topk-kendall-gptq")) {
        kendall = (Element) svgs.item(i);
      }
    }
    // one segment of one point before the gap, one of two points after it
    assertThat(kendall.getElementsByTagNameNS(SVG_NS, "polyline").getLength()).isEqualTo(2);
  }

  @Test
  void fullSyntheticReportHasEveryPlot() throws Exception {
    ReportModel m = SyntheticResults.model(42);
    Document doc = parse(ReportRenderer.html(m));
    assertThat(svgIds(doc))
        .containsExactly(
            "drop-bars",
            "needle-base",
            "needle-gptq-w4",
            "needle-awq-w4",
            "needle-wanda-24",
            "energy-all-positions",
            "topk-kendall-gptq-w4",
            "topk-spearman-gptq-w4",
            "topk-kendall-awq-w4",
            "topk-spearman-awq-w4",
            "topk-kendall-wanda-24",
            "topk-spearman-wanda-24",
            "erank-bars");
    assertThat(doc.getElementsByTagName("table").getLength()).isEqualTo(5);
    assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).contains("SYNTHETIC");
  }

  @Test
  void renderingIsDeterministic() {
    assertThat(ReportRenderer.html(SyntheticResults.model(1)))
        .isEqualTo(ReportRenderer.html(SyntheticResults.model(1)));
  }

  @Test
  void markdownHasTheTablesAndOneImagePerPlot() {
    String md = ReportRenderer.markdown(small(List.of()));
    assertThat(md).contains("# Small report", "## Capabilities", "## Notes", "- a note");
    assertThat(md).contains("| action-execution | 0.800 | 0.700 (-0.100, -12.5%) |");
    Matcher images = Pattern.compile("!\\[[^]]*]\\(data:image/svg\\+xml;base64,").matcher(md);
    int count = 0;
    while (images.find()) {
      count++;
    }
    assertThat(count).isEqualTo(1);
  }

  @Test
  void heatColoursFollowTheSpecColourMap() {
    assertThat(Charts.heat(0)).isEqualTo("#f0496e");
    assertThat(Charts.heat(0.5)).isEqualTo("#ebb839");
    assertThat(Charts.heat(1)).isEqualTo("#0cd79f");
    // halfway between #EBB839 and #0CD79F: (0xEB+0x0C)/2 = 0x7b.8 -> 0x7c, (0xB8+0xD7)/2 = 0xc7.8
    // -> 0xc8
    assertThat(Charts.heat(0.75)).isEqualTo("#7cc86c");
    assertThat(Charts.columnPosition(new int[] {1000, 2000, 3000}, 2500)).isEqualTo(1.5);
  }
}
