package io.acbench.runtime.model;

/**
 * One sequence being decoded: its KV cache and the number of positions already in it. Created by
 * {@link Transformer#newSequence(int)}; a sequence belongs to the transformer that created it.
 */
public final class Sequence {

  private final KvCache cache;
  private int position;

  Sequence(KvCache cache) {
    this.cache = cache;
  }

  /** Positions already processed, which is also the position of the next token. */
  public int position() {
    return position;
  }

  /** The most positions this sequence can hold. */
  public int maxLength() {
    return cache.maxLength();
  }

  /** Positions still free in the cache. */
  public int remaining() {
    return cache.maxLength() - position;
  }

  KvCache cache() {
    return cache;
  }

  void advance(int tokens) {
    position += tokens;
  }
}
