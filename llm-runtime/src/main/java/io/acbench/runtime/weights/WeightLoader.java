package io.acbench.runtime.weights;

import io.acbench.runtime.config.ModelConfig;
import io.acbench.runtime.quant.GptqPacker;
import io.acbench.runtime.quant.Int4Codes;
import io.acbench.runtime.safetensors.DType;
import io.acbench.runtime.safetensors.TensorStore;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the {@link LinearWeight} of one linear layer from a checkpoint: {@code <prefix>.weight}
 * (F32, BF16, F16) for dense layers, or the GPTQ v1 / AutoAWQ GEMM tensors (compression-spec §5.2,
 * §5.3, §5.6). Shapes and dtypes are checked; errors name the tensor and the rule broken.
 */
public final class WeightLoader {

  private static final Set<DType> FLOATS = Set.of(DType.F32, DType.F16, DType.BF16);

  private WeightLoader() {}

  /**
   * The weight of layer {@code prefix} (e.g. {@code model.layers.0.mlp.down_proj}); {@code qc} is
   * the model's {@code quantization_config}, or null for dense weights.
   */
  public static LinearWeight load(
      TensorStore store, String prefix, ModelConfig.QuantizationConfig qc) {
    if (qc == null) {
      return loadDense(store, prefix + ".weight");
    }
    if (qc.bits() != 4) {
      throw new IllegalArgumentException(
          prefix + ": quantization_config.bits = " + qc.bits() + ", only 4-bit is supported");
    }
    String method = qc.quantMethod() == null ? "" : qc.quantMethod().toLowerCase(Locale.ROOT);
    return switch (method) {
      case "gptq" -> loadGptq(store, prefix, qc);
      case "awq" -> loadAwq(store, prefix, qc);
      default ->
          throw new IllegalArgumentException(
              prefix + ": quant_method '" + qc.quantMethod() + "' is not supported (gptq, awq)");
    };
  }

  /** The bias {@code <prefix>.bias} as float32, or null when the checkpoint has none. */
  public static float[] loadBias(TensorStore store, String prefix) {
    String name = prefix + ".bias";
    if (!store.contains(name)) {
      return null;
    }
    requireDType(store, name, FLOATS);
    requireRank(store, name, 1);
    return store.readFloats(name);
  }

  /** A dense (out, in) weight read in place from tensor {@code name}. */
  public static DenseSegmentWeight loadDense(TensorStore store, String name) {
    requirePresent(store, name);
    long[] shape = requireRank(store, name, 2);
    int out = toInt(name, shape[0]);
    int in = toInt(name, shape[1]);
    return switch (store.dtype(name)) {
      case F32 -> new F32Weight(name, out, in, store.segment(name));
      case BF16 -> new Bf16Weight(name, out, in, store.segment(name));
      case F16 -> new F16Weight(name, out, in, store.segment(name));
      default ->
          throw new IllegalArgumentException(
              "tensor '" + name + "': dtype " + store.dtype(name) + ", expected F32, BF16 or F16");
    };
  }

  private static GptqInt4Weight loadGptq(
      TensorStore store, String prefix, ModelConfig.QuantizationConfig qc) {
    String qweight = prefix + ".qweight";
    String qzeros = prefix + ".qzeros";
    String scales = prefix + ".scales";
    String gIdx = prefix + ".g_idx";
    long[] qwShape = requireInts(store, qweight);
    int in = toInt(qweight, qwShape[0] * Int4Codes.PER_WORD); // K = 8 · rows
    int out = toInt(qweight, qwShape[1]);
    int groups = expectedGroups(prefix, in, qc.groupSize());
    requireShape(qzeros, requireInts(store, qzeros), groups, out / Int4Codes.PER_WORD);
    requireDType(store, scales, FLOATS);
    requireShape(scales, requireRank(store, scales, 2), groups, out);
    int[] groupIndex;
    if (store.contains(gIdx)) {
      requireShape(gIdx, requireInts(store, gIdx), in);
      groupIndex = store.readInts(gIdx);
    } else if (qc.descAct()) {
      throw new IllegalArgumentException(
          "tensor '" + gIdx + "' is missing but desc_act is true (act-order needs g_idx)");
    } else {
      groupIndex = GptqPacker.sequentialGroupIndex(in, qc.groupSize());
    }
    boolean v2 = "gptq_v2".equalsIgnoreCase(qc.version());
    return new GptqInt4Weight(
        prefix,
        in,
        out,
        store.segment(qweight),
        store.readInts(qzeros),
        store.readFloats(scales),
        groupIndex,
        v2);
  }

  private static AwqInt4Weight loadAwq(
      TensorStore store, String prefix, ModelConfig.QuantizationConfig qc) {
    if (qc.version() != null && !"gemm".equalsIgnoreCase(qc.version())) {
      throw new IllegalArgumentException(
          prefix
              + ": AWQ version '"
              + qc.version()
              + "' is not supported; only the AutoAWQ GEMM layout (version gemm) is");
    }
    String qweight = prefix + ".qweight";
    String qzeros = prefix + ".qzeros";
    String scales = prefix + ".scales";
    long[] qwShape = requireInts(store, qweight);
    int in = toInt(qweight, qwShape[0]);
    int out = toInt(qweight, qwShape[1] * Int4Codes.PER_WORD); // N = 8 · words
    int groups = expectedGroups(prefix, in, qc.groupSize());
    requireShape(qzeros, requireInts(store, qzeros), groups, out / Int4Codes.PER_WORD);
    requireDType(store, scales, FLOATS);
    requireShape(scales, requireRank(store, scales, 2), groups, out);
    return new AwqInt4Weight(
        prefix,
        in,
        out,
        qc.groupSize(),
        store.segment(qweight),
        store.readInts(qzeros),
        store.readFloats(scales));
  }

  private static int expectedGroups(String prefix, int in, int groupSize) {
    if (groupSize == -1) {
      return 1;
    }
    if (groupSize <= 0) {
      throw new IllegalArgumentException(
          prefix + ": quantization_config.group_size must be > 0 or -1, got " + groupSize);
    }
    return Math.ceilDiv(in, groupSize);
  }

  private static void requirePresent(TensorStore store, String name) {
    if (!store.contains(name)) {
      throw new IllegalArgumentException("tensor '" + name + "' is missing from the checkpoint");
    }
  }

  private static long[] requireInts(TensorStore store, String name) {
    requirePresent(store, name);
    if (store.dtype(name) != DType.I32) {
      throw new IllegalArgumentException(
          "tensor '" + name + "': dtype " + store.dtype(name) + ", expected I32");
    }
    return store.shape(name);
  }

  private static void requireDType(TensorStore store, String name, Set<DType> allowed) {
    requirePresent(store, name);
    if (!allowed.contains(store.dtype(name))) {
      throw new IllegalArgumentException(
          "tensor '" + name + "': dtype " + store.dtype(name) + ", expected one of " + allowed);
    }
  }

  private static long[] requireRank(TensorStore store, String name, int rank) {
    long[] shape = store.shape(name);
    if (shape.length != rank) {
      throw new IllegalArgumentException(
          "tensor '" + name + "': shape " + Arrays.toString(shape) + ", expected rank " + rank);
    }
    return shape;
  }

  private static void requireShape(String name, long[] shape, long... expected) {
    if (!Arrays.equals(shape, expected)) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "': shape "
              + Arrays.toString(shape)
              + ", expected "
              + Arrays.toString(expected));
    }
  }

  private static int toInt(String name, long dim) {
    if (dim <= 0 || dim > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "tensor '" + name + "': dimension " + dim + " is not a positive int");
    }
    return (int) dim;
  }
}
