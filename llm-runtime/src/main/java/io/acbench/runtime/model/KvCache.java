package io.acbench.runtime.model;

import java.util.Arrays;

/**
 * Keys and values of one sequence for every layer: per layer two (capacity, kvDim) row-major
 * arrays, allocated when the layer first runs. Capacity starts small and doubles on demand up to
 * {@code maxLength}.
 */
public final class KvCache {

  private static final int INITIAL_CAPACITY = 64;

  private final int layers;
  private final int kvDim;
  private final int maxLength;
  private final float[][] keys; // [layer] (capacity, kvDim)
  private final float[][] values; // [layer] (capacity, kvDim)
  private int capacity;

  /** An empty cache that can hold up to {@code maxLength} positions. */
  public KvCache(int layers, int kvDim, int maxLength) {
    if (layers <= 0 || kvDim <= 0 || maxLength <= 0) {
      throw new IllegalArgumentException(
          "layers, kvDim and maxLength must be positive: "
              + layers
              + ", "
              + kvDim
              + ", "
              + maxLength);
    }
    this.layers = layers;
    this.kvDim = kvDim;
    this.maxLength = maxLength;
    this.capacity = Math.min(INITIAL_CAPACITY, maxLength);
    this.keys = new float[layers][];
    this.values = new float[layers][];
  }

  /** The most positions this cache can hold. */
  public int maxLength() {
    return maxLength;
  }

  /** Positions currently allocated. */
  public int capacity() {
    return capacity;
  }

  /** Grows the arrays so that positions {@code [0, length)} fit. */
  void ensureCapacity(int length) {
    if (length > maxLength) {
      throw new IllegalStateException(
          "sequence length " + length + " exceeds the KV cache limit of " + maxLength);
    }
    if (length <= capacity) {
      return;
    }
    int grown = Math.min(maxLength, Math.max(length, capacity * 2));
    for (int l = 0; l < layers; l++) {
      if (keys[l] != null) {
        keys[l] = Arrays.copyOf(keys[l], grown * kvDim);
        values[l] = Arrays.copyOf(values[l], grown * kvDim);
      }
    }
    capacity = grown;
  }

  /** Keys of a layer, (capacity, kvDim); rows past the sequence position are undefined. */
  float[] keys(int layer) {
    allocate(layer);
    return keys[layer];
  }

  /** Values of a layer, (capacity, kvDim). */
  float[] values(int layer) {
    allocate(layer);
    return values[layer];
  }

  private void allocate(int layer) {
    if (keys[layer] == null) {
      keys[layer] = new float[capacity * kvDim];
      values[layer] = new float[capacity * kvDim];
    }
  }

  /** Bytes held by the arrays. */
  public long bytes() {
    long bytes = 0;
    for (int l = 0; l < layers; l++) {
      if (keys[l] != null) {
        bytes += 2L * capacity * kvDim * Float.BYTES;
      }
    }
    return bytes;
  }
}
