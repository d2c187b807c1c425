package io.acbench.compressor.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acbench.compressor.calibration.CalibrationSet;
import io.acbench.compressor.recipe.CompressionSpec;
import io.acbench.compressor.walker.WalkReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code compression-report.json}: the recipe, the calibration record (D13), and per layer and
 * linear the weight reconstruction error, the output error on calibration data, the sparsity and
 * the seconds spent.
 */
public final class CompressionReport {

  public static final String FILE = "compression-report.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private CompressionReport() {}

  public static void write(
      Path file,
      CompressionSpec spec,
      CheckpointFormat format,
      CalibrationSet calibration,
      List<WalkReport.LayerReport> layers,
      double seconds)
      throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("method", spec.method().id());
    root.put("recipe", spec.canonical());
    root.put("format", format.name().toLowerCase(Locale.ROOT));
    ObjectNode params = root.putObject("parameters");
    spec.canonicalParams().forEach(params::put);
    ObjectNode calib = root.putObject("calibration");
    calib.put("source", calibration.description());
    calib.put("nsamples", calibration.nsamples());
    calib.put("seqlen", calibration.seqLen());
    calib.put("streamTokens", calibration.streamTokens());
    calib.put("digest", calibration.digest());
    calib.put("tokenizer", "llm-runtime tokenizer.json (the fast tokenizer's rules, D10)");
    root.put("createdAt", Instant.now().toString());
    root.put("seconds", seconds);
    ArrayNode layerArray = root.putArray("layers");
    for (WalkReport.LayerReport l : layers) {
      ObjectNode ln = layerArray.addObject();
      ln.put("layer", l.layer());
      ln.put("seconds", l.seconds());
      ln.put("outputError", l.outputError());
      ArrayNode linears = ln.putArray("linears");
      for (WalkReport.LinearReport r : l.linears()) {
        ObjectNode rn = linears.addObject();
        rn.put("name", r.name());
        rn.put("weightError", r.weightError());
        rn.put("outputError", r.outputError());
        rn.put("sparsity", r.sparsity());
        rn.put("seconds", r.seconds());
      }
    }
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }
}
