package io.acbench.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acbench.runtime.fixtures.FixtureModels;
import io.acbench.runtime.model.Projection;
import io.acbench.runtime.quant.GptqPacker;
import io.acbench.runtime.safetensors.DType;
import io.acbench.runtime.safetensors.ShardedSafetensorsWriter;
import io.acbench.runtime.safetensors.TensorSource;
import io.acbench.runtime.safetensors.TensorStore;
import io.acbench.runtime.safetensors.TensorStores;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code make-model}: writes a random fixture model directory in F32, BF16, or GPTQ int4 (a
 * round-to-nearest symmetric group-128 quantization of the F32 fixture in the AutoGPTQ v1 layout,
 * other tensors in F16, as compression-spec §5.2 describes).
 */
final class MakeModelCommand {

  static final String USAGE =
      "make-model --family qwen2|llama|mistral --shape tiny|0.5b --seed N --out DIR"
          + " [--dtype f32|bf16|gptq-int4]";

  private static final int GROUP_SIZE = 128;
  private static final long SHARD_BYTES = 2_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private MakeModelCommand() {}

  static void run(String[] args, PrintStream out) throws IOException {
    CliArgs a =
        new CliArgs(
            "make-model", args, Set.of("family", "shape", "seed", "out", "dtype"), Set.of());
    String family = a.choice("family", null, "qwen2", "llama", "mistral");
    String shape = a.choice("shape", null, "tiny", "0.5b");
    long seed = a.longValue("seed", 0);
    if (!a.has("seed")) {
      a.required("seed");
    }
    Path dir = a.path("out");
    String dtype = a.choice("dtype", "f32", "f32", "bf16", "gptq-int4");
    switch (dtype) {
      case "f32" -> FixtureModels.write(family, shape, seed, dir, DType.F32);
      case "bf16" -> FixtureModels.write(family, shape, seed, dir, DType.BF16);
      default -> writeGptq(family, shape, seed, dir);
    }
    out.printf("wrote %s %s %s model (seed %d) to %s%n", family, shape, dtype, seed, dir);
  }

  private static void writeGptq(String family, String shape, long seed, Path dir)
      throws IOException {
    FixtureModels.write(family, shape, seed, dir, DType.F32);
    Path dense = Files.createTempDirectory(dir.toAbsolutePath().getParent(), "dense-");
    try {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(MakeModelCommand::isWeightFile).toList()) {
          Files.move(f, dense.resolve(f.getFileName()));
        }
      }
      try (TensorStore store = TensorStores.open(dense)) {
        quantizeInto(store, dir);
      }
      rewriteConfig(dir);
    } finally {
      try (Stream<Path> walk = Files.walk(dense)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static boolean isWeightFile(Path f) {
    String name = f.getFileName().toString();
    return name.endsWith(".safetensors") || name.equals("model.safetensors.index.json");
  }

  private static void quantizeInto(TensorStore store, Path dir) throws IOException {
    ShardedSafetensorsWriter writer = new ShardedSafetensorsWriter(SHARD_BYTES);
    writer.metadata("format", "pt");
    for (String name : store.names().stream().sorted().toList()) {
      long[] shape = store.shape(name);
      String prefix = name.substring(0, name.lastIndexOf('.'));
      if (name.endsWith(".weight") && isProjection(prefix)) {
        GptqPacker.Packed p =
            RtnGptqQuantizer.quantize(
                store.readFloats(name), (int) shape[0], (int) shape[1], GROUP_SIZE);
        writer.add(prefix + ".qweight", TensorSource.ofInts(p.qweight(), p.qweightShape()));
        writer.add(prefix + ".qzeros", TensorSource.ofInts(p.qzeros(), p.qzerosShape()));
        writer.add(prefix + ".g_idx", TensorSource.ofInts(p.gIdx(), p.gIdxShape()));
        short[] scales = p.scales();
        writer.add(
            prefix + ".scales",
            TensorSource.of(
                DType.F16,
                p.scalesShape(),
                seg ->
                    MemorySegment.copy(MemorySegment.ofArray(scales), 0, seg, 0, seg.byteSize())));
      } else {
        writer.add(name, TensorSource.ofFloats(store.readFloats(name), DType.F16, shape));
      }
    }
    writer.write(dir);
  }

  private static boolean isProjection(String prefix) {
    for (Projection p : Projection.values()) {
      if (prefix.startsWith("model.layers.") && prefix.endsWith("." + p.path())) {
        return true;
      }
    }
    return false;
  }

  /** Adds the GPTQ quantization_config to config.json and writes quantize_config.json. */
  private static void rewriteConfig(Path dir) throws IOException {
    Path configFile = dir.resolve("config.json");
    ObjectNode config = (ObjectNode) JSON.readTree(configFile.toFile());
    ObjectNode q = JSON.createObjectNode();
    q.put("quant_method", "gptq");
    q.put("bits", 4);
    q.put("group_size", GROUP_SIZE);
    q.put("desc_act", false);
    q.put("sym", true);
    q.put("damp_percent", 0.01);
    q.put("true_sequential", true);
    q.put("static_groups", false);
    q.put("checkpoint_format", "gptq");
    q.put("lm_head", false);
    config.set("quantization_config", q);
    config.put("torch_dtype", "float16");
    JSON.writerWithDefaultPrettyPrinter().writeValue(configFile.toFile(), config);
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(dir.resolve("quantize_config.json").toFile(), q);
  }
}
