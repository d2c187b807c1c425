package io.acbench.compressor.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acbench.compressor.recipe.CompressionSpec;
import io.acbench.compressor.recipe.Method;
import io.acbench.compressor.walker.CompressedLinear;
import io.acbench.compressor.walker.LinearSink;
import io.acbench.runtime.model.DecoderLayer;
import io.acbench.runtime.model.Projection;
import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.quant.AwqPacker;
import io.acbench.runtime.quant.GptqPacker;
import io.acbench.runtime.safetensors.DType;
import io.acbench.runtime.safetensors.ShardedSafetensorsWriter;
import io.acbench.runtime.safetensors.TensorSource;
import io.acbench.runtime.safetensors.TensorStore;
import io.acbench.runtime.safetensors.TensorStores;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a compressed checkpoint (spec §5): every linear in the method's format (packed as soon as
 * the walker hands it over, so codes are never held for the whole model), the RMSNorm weights and
 * biases as the walked model holds them (AWQ folds scales into them), every other tensor copied
 * from the base checkpoint, {@code config.json} (with {@code quantization_config} for int4, the
 * base's unchanged for dense, D6), {@code quantize_config.json} for GPTQ, and the tokenizer files.
 */
public final class CheckpointWriter implements LinearSink {

  /** Tokenizer and generation files copied next to the weights when the base has them. */
  static final List<String> TOKENIZER_FILES =
      List.of(
          "tokenizer.json",
          "tokenizer_config.json",
          "special_tokens_map.json",
          "added_tokens.json",
          "vocab.json",
          "merges.txt",
          "tokenizer.model",
          "generation_config.json",
          "chat_template.jinja");

  private static final Pattern LAYER_TENSOR =
      Pattern.compile(
          "model\\.layers\\.(\\d+)\\.(self_attn|mlp|input_layernorm|"
              + "post_attention_layernorm)\\.?(\\w*?)\\.?(weight|bias)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SHARD_BYTES = 2_000_000_000L;

  private final Path baseDir;
  private final CompressionSpec spec;
  private final CheckpointFormat format;
  private final DType denseDtype;
  private final Map<String, GptqPacker.Packed> gptq = new HashMap<>();
  private final Map<String, AwqPacker.Packed> awq = new HashMap<>();
  private final Map<String, float[]> dense = new HashMap<>();
  private long zeros;
  private long weights;

  public CheckpointWriter(Path baseDir, CompressionSpec spec, DType denseDtype) {
    this.baseDir = baseDir;
    this.spec = spec;
    this.format = CheckpointFormat.of(spec);
    this.denseDtype = denseDtype;
  }

  public CheckpointFormat format() {
    return format;
  }

  @Override
  public synchronized void accept(CompressedLinear l) {
    switch (format) {
      case GPTQ -> gptq.put(l.prefix(), PackedLinears.gptq(l.quantized()));
      case AWQ -> awq.put(l.prefix(), PackedLinears.awq(l.quantized(), groupSize()));
      case DENSE -> dense.put(l.prefix(), l.deployed());
    }
    for (float w : l.deployed()) {
      if (w == 0f) {
        zeros++;
      }
    }
    weights += l.deployed().length;
  }

  /** Fraction of zeros over every compressed linear so far. */
  public double globalSparsity() {
    return weights == 0 ? 0 : (double) zeros / weights;
  }

  /** Writes the checkpoint into {@code outDir} (created); {@code model} is the walked model. */
  public void write(Transformer model, Path outDir) throws IOException {
    Files.createDirectories(outDir);
    ShardedSafetensorsWriter writer = new ShardedSafetensorsWriter(SHARD_BYTES);
    if (format == CheckpointFormat.DENSE) {
      writer.metadata("acbench.method", spec.method().id());
      writer.metadata(
          "acbench.sparsity_pattern",
          spec.prune().isNOfM()
              ? spec.prune().prunen() + ":" + spec.prune().prunem()
              : "unstructured " + spec.prune().ratio());
      writer.metadata("acbench.global_sparsity", Double.toString(globalSparsity()));
    }
    try (TensorStore base = TensorStores.open(baseDir)) {
      for (String name : new TreeSet<>(base.names())) {
        addTensor(writer, base, model, name);
      }
      writer.write(outDir);
    }
    writeConfigs(outDir);
    for (String file : TOKENIZER_FILES) {
      Path src = baseDir.resolve(file);
      if (Files.isRegularFile(src)) {
        Files.copy(src, outDir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private void addTensor(
      ShardedSafetensorsWriter writer, TensorStore base, Transformer model, String name) {
    Matcher m = LAYER_TENSOR.matcher(name);
    if (!m.matches()) {
      copy(writer, base, name);
      return;
    }
    DecoderLayer layer = model.layer(Integer.parseInt(m.group(1)));
    String module = m.group(2);
    DType dtype = base.dtype(name);
    long[] shape = base.shape(name);
    if (module.equals("input_layernorm")) {
      writer.add(name, TensorSource.ofFloats(layer.inputNorm().weight(), dtype, shape));
      return;
    }
    if (module.equals("post_attention_layernorm")) {
      writer.add(name, TensorSource.ofFloats(layer.postAttentionNorm().weight(), dtype, shape));
      return;
    }
    Projection p = Projection.fromHfName(m.group(3));
    String prefix = name.substring(0, name.lastIndexOf('.'));
    if (m.group(4).equals("bias")) {
      writer.add(name, TensorSource.ofFloats(layer.bias(p), dtype, shape));
      return;
    }
    addLinear(writer, prefix, shape);
  }

  private void addLinear(ShardedSafetensorsWriter writer, String prefix, long[] shape) {
    switch (format) {
      case GPTQ -> {
        GptqPacker.Packed g = required(gptq.get(prefix), prefix);
        writer.add(prefix + ".qweight", TensorSource.ofInts(g.qweight(), g.qweightShape()));
        writer.add(prefix + ".qzeros", TensorSource.ofInts(g.qzeros(), g.qzerosShape()));
        writer.add(prefix + ".scales", f16(g.scales(), g.scalesShape()));
        writer.add(prefix + ".g_idx", TensorSource.ofInts(g.gIdx(), g.gIdxShape()));
      }
      case AWQ -> {
        AwqPacker.Packed a = required(awq.get(prefix), prefix);
        writer.add(prefix + ".qweight", TensorSource.ofInts(a.qweight(), a.qweightShape()));
        writer.add(prefix + ".qzeros", TensorSource.ofInts(a.qzeros(), a.qzerosShape()));
        writer.add(prefix + ".scales", f16(a.scales(), a.scalesShape()));
      }
      case DENSE ->
          writer.add(
              prefix + ".weight",
              TensorSource.ofFloats(required(dense.get(prefix), prefix), denseDtype, shape));
    }
  }

  private static <T> T required(T value, String prefix) {
    if (value == null) {
      throw new IllegalStateException(prefix + " was never compressed");
    }
    return value;
  }

  private static TensorSource f16(short[] bits, long[] shape) {
    return TensorSource.of(
        DType.F16,
        shape,
        seg ->
            MemorySegment.copy(
                bits,
                0,
                seg,
                ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN),
                0,
                bits.length));
  }

  private static void copy(ShardedSafetensorsWriter writer, TensorStore base, String name) {
    MemorySegment src = base.segment(name);
    writer.add(
        name,
        TensorSource.of(
            base.dtype(name),
            base.shape(name),
            dst -> MemorySegment.copy(src, 0, dst, 0, src.byteSize())));
  }

  private int groupSize() {
    return Integer.parseInt(spec.canonicalParams().get("group_size"));
  }

  /** config.json (and quantize_config.json for GPTQ) per spec §5.2, §5.3, §5.5. */
  private void writeConfigs(Path outDir) throws IOException {
    ObjectNode config = (ObjectNode) JSON.readTree(baseDir.resolve("config.json").toFile());
    if (format != CheckpointFormat.DENSE) {
      ObjectNode q = quantizationConfig();
      config.set("quantization_config", q);
      config.put("torch_dtype", "float16");
      if (format == CheckpointFormat.GPTQ) {
        Files.writeString(
            outDir.resolve("quantize_config.json"),
            JSON.writerWithDefaultPrettyPrinter().writeValueAsString(q));
      }
    }
    Files.writeString(
        outDir.resolve("config.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
  }

  private ObjectNode quantizationConfig() {
    ObjectNode q = JSON.createObjectNode();
    if (format == CheckpointFormat.AWQ) {
      q.put("quant_method", "awq");
      q.put("zero_point", true);
      q.put("group_size", groupSize());
      q.put("bits", 4);
      q.put("version", "gemm");
      q.putNull("modules_to_not_convert");
      return q;
    }
    boolean gptqMethod = spec.method() == Method.GPTQ;
    boolean actOrder = gptqMethod && spec.gptq().actOrder();
    boolean staticGroups = gptqMethod && spec.gptq().staticGroups();
    q.put("quant_method", "gptq");
    q.put("bits", 4);
    q.put("group_size", groupSize());
    q.put("desc_act", actOrder && !staticGroups);
    q.put("sym", true);
    q.put("damp_percent", gptqMethod ? spec.gptq().percdamp() : 0.0);
    q.put("true_sequential", gptqMethod && spec.trueSequential());
    q.put("static_groups", staticGroups);
    q.put("checkpoint_format", "gptq");
    q.put("lm_head", false);
    return q;
  }
}
