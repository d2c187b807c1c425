package io.acbench.runtime.generate;

import java.util.Set;

/** What generation needs from a tokenizer: prompt encoding, streaming decoding, EOS ids. */
public interface TextCodec {

  /** Token ids of a prompt, with the tokenizer's special tokens (e.g. BOS) added. */
  int[] encode(String text);

  /** A fresh incremental decoder for the generated tokens of one sequence. */
  Detokenizer newDetokenizer();

  /** Token ids that end a sequence. */
  Set<Integer> eosTokenIds();

  /** Turns generated token ids into text one token at a time. */
  interface Detokenizer {

    /**
     * The text {@code tokenId} adds: empty while it only starts a multi-byte character, and then
     * the whole character with the token that completes it. Special tokens add nothing.
     */
    String next(int tokenId);
  }
}
