package io.acbench.inference.tensor;

import io.acbench.contracts.grpc.inference.DataType;

/** Config enum ↔ protocol datatype string (kserve-v2-protocol.md §1.11). */
public final class DataTypes {

  private DataTypes() {}

  /** The protocol string of a config datatype, e.g. {@code TYPE_STRING} → {@code BYTES}. */
  public static String wireName(DataType type) {
    return switch (type) {
      case TYPE_STRING -> "BYTES";
      case TYPE_INVALID, UNRECOGNIZED -> "INVALID";
      default -> type.name().substring("TYPE_".length());
    };
  }

  /** Bytes per element of a fixed-width protocol datatype; -1 for BYTES or an unknown name. */
  public static int elementBytes(String wire) {
    return switch (wire) {
      case "BOOL", "INT8", "UINT8" -> 1;
      case "INT16", "UINT16", "FP16", "BF16" -> 2;
      case "INT32", "UINT32", "FP32" -> 4;
      case "INT64", "UINT64", "FP64" -> 8;
      default -> -1;
    };
  }
}
