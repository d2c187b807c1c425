package io.acbench.contracts.probe;

/**
 * The binary layout of a stored {@link ProbeResult}, version 1. All numbers are little-endian.
 *
 * <pre>
 * header (20 bytes)
 *   0  4  magic "ACBP" (0x41 0x43 0x42 0x50)
 *   4  2  u16 version = 1
 *   6  2  u16 flags: bit 0 = every sequence has reference logits; other bits 0
 *   8  2  u16 k, top-k width, 1..64
 *  10  2  u16 reserved = 0
 *  12  4  i32 V, vocabulary size, &gt; 0
 *  16  4  i32 S, sequence count, &gt;= 0
 * S sequences, each
 *   i32      N, positions, &gt;= 1
 *   i32[N]   token ids, in [0, V)
 *   f32[N]   log-sum-exp of the logits per position
 *   i32[N·k] top-k ids per position, descending logit, in [0, V)
 *   f32[N·k] top-k logits per position, non-increasing
 *   f64[N(N+1)/2]  Gram matrix B = (1/N) R Rᵀ, upper triangle row by row (B[i][j], i &lt;= j)
 *   if flag bit 0:
 *     i32[N·k] reference top-k ids (the reference model's top-k at this position)
 *     f32[N·k] this model's logits at those ids
 * trailer
 *   32 bytes SHA-256 of every byte before the trailer
 * </pre>
 *
 * The digest carried by {@code acbench.probe.completed} ({@code resultDigest}) is the lowercase hex
 * SHA-256 of the whole file, trailer included. Readers reject trailing bytes, a wrong trailer,
 * non-finite numbers, ids out of range and increasing top-k logits.
 */
public final class ProbeFormat {

  /** "ACBP" read as a little-endian int. */
  public static final int MAGIC = 0x50424341;

  public static final int VERSION = 1;
  public static final int FLAG_REFERENCE = 1;
  public static final int HEADER_BYTES = 20;
  public static final int TRAILER_BYTES = 32;
  public static final int MAX_TOP_K = 64;

  private ProbeFormat() {}
}
