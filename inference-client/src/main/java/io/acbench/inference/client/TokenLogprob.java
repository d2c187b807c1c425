package io.acbench.inference.client;

/**
 * One candidate of one generated position in the vLLM backend's {@code logprobs} output (protocol
 * page §3.3).
 *
 * @param tokenId the token id (a string key in the JSON)
 * @param logprob its log-probability (or logit, with a logits {@code logprobs_mode})
 * @param rank its rank, 1 = most likely
 * @param decodedToken the token's text
 */
public record TokenLogprob(int tokenId, double logprob, int rank, String decodedToken) {}
