"""ACBench probe model for Triton's Python backend.

Runs one full forward pass of a Hugging Face causal LM per sequence and reduces the logits on
the server (benchmark-spec.md section 4; notes/server-contract.md section 2 of the server branch):

  num_tokens   INT64 [B]        N_b, tokens of sequence b
  logsumexp    FP32  [B, T]     log sum_v exp(l_{b,t,v}); energy at temperature 1 is its negation
  topk_ids     INT64 [B, T, k]  ids of the k largest logits, descending (only when k > 0)
  topk_logits  FP32  [B, T, k]  those logits (only when k > 0)
  gram         FP64  [B, T, T]  G = (1/N) R R^T, r_i = (x_i - mu) / ||x_i - mu||_2, mu the mean
                                logit row of the sequence; a zero row stays zero
  hidden_states FP32 [B, T, H]  final hidden states (after the final norm); on request
  reference_logits FP32 [B, T, k']  this model's logits at the input reference_ids [B, T', k']
                                (T' >= T, ids at padded positions ignored); only with that input

T is the longest sequence; rows past a sequence's length are padding (0, top-k ids -1).
"""

import json
import os

import numpy as np
import torch
import triton_python_backend_utils as pb_utils
from transformers import AutoModelForCausalLM, AutoTokenizer

MAX_TOP_K = 64
ALL_OUTPUTS = ("num_tokens", "logsumexp", "topk_ids", "topk_logits", "gram", "hidden_states",
               "reference_logits")


class ProbeError(Exception):
    """Bad request input; answered with INVALID_ARGUMENT."""


def _input(request, name):
    tensor = pb_utils.get_input_tensor_by_name(request, name)
    return None if tensor is None else tensor.as_numpy()


def _error(message, invalid_argument):
    code = getattr(pb_utils.TritonError, "INVALID_ARG" if invalid_argument else "INTERNAL", None)
    if code is None:
        return pb_utils.TritonError(message)
    return pb_utils.TritonError(message, code)


def centred_normalised_gram(logits):
    """G = (1/N) R R^T of the centred, row-normalised logits X (N, V), in float64."""
    x = logits.double()
    centred = x - x.mean(dim=0, keepdim=True)
    norms = centred.norm(dim=1, keepdim=True)
    r = torch.where(norms > 0, centred / norms.clamp_min(torch.finfo(torch.float64).tiny),
                    torch.zeros_like(centred))
    return (r @ r.T) / x.shape[0]


class TritonPythonModel:
    def initialize(self, args):
        version_dir = os.path.join(args["model_repository"], args["model_version"])
        with open(os.path.join(version_dir, "model.json"), encoding="utf-8") as f:
            spec = json.load(f)
        path = spec["model"]
        if not os.path.isabs(path):
            path = os.path.join(version_dir, path)
        self.max_model_len = spec.get("max_model_len")
        dtype = spec.get("dtype", "auto")
        torch_dtype = "auto" if dtype == "auto" else getattr(torch, dtype)
        if args.get("model_instance_kind") == "GPU" and torch.cuda.is_available():
            self.device = torch.device("cuda", int(args["model_instance_device_id"]))
        else:
            self.device = torch.device("cpu")
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.model = AutoModelForCausalLM.from_pretrained(path, torch_dtype=torch_dtype)
        self.model.to(self.device).eval()
        self.vocab_size = self.model.get_output_embeddings().weight.shape[0]

    def execute(self, requests):
        responses = []
        for request in requests:
            try:
                responses.append(self._probe(request))
            except ProbeError as e:
                responses.append(pb_utils.InferenceResponse(error=_error(str(e), True)))
            except Exception as e:  # a backend failure must not take the other requests down
                responses.append(
                    pb_utils.InferenceResponse(error=_error("probe failed: %s" % e, False)))
        return responses

    def _sequences(self, request):
        texts = _input(request, "text_input")
        ids = _input(request, "input_ids")
        if (texts is None) == (ids is None):
            raise ProbeError("exactly one of the inputs 'text_input' and 'input_ids' must be given")
        if texts is not None:
            sequences = []
            for b, raw in enumerate(texts.reshape(-1)):
                text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
                sequences.append(self.tokenizer(text, add_special_tokens=True)["input_ids"])
        else:
            if ids.ndim != 2:
                raise ProbeError("input 'input_ids' must have shape [B, L], got %s" % (ids.shape,))
            lengths = _input(request, "input_lengths")
            if lengths is None:
                lengths = np.full(ids.shape[0], ids.shape[1], dtype=np.int64)
            lengths = lengths.reshape(-1)
            if lengths.shape[0] != ids.shape[0]:
                raise ProbeError("input 'input_lengths' must hold one length per input_ids row")
            sequences = []
            for b in range(ids.shape[0]):
                n = int(lengths[b])
                if n < 1 or n > ids.shape[1]:
                    raise ProbeError(
                        "input_lengths[%d] must be in [1, %d], got %d" % (b, ids.shape[1], n))
                sequences.append([int(t) for t in ids[b, :n]])
        for b, seq in enumerate(sequences):
            if not seq:
                raise ProbeError("sequence %d has no tokens" % b)
            if self.max_model_len is not None and len(seq) > self.max_model_len:
                raise ProbeError("sequence %d has %d tokens, more than max_model_len %d"
                                 % (b, len(seq), self.max_model_len))
            if min(seq) < 0 or max(seq) >= self.vocab_size:
                raise ProbeError("sequence %d holds a token id outside [0, %d)" % (b, self.vocab_size))
        return sequences

    def _reference_ids(self, request, sequences):
        """The optional reference_ids [B, T', k'] (INT64 or INT32), checked like the CPU server."""
        ref = _input(request, "reference_ids")
        if ref is None:
            return None
        longest = max(len(s) for s in sequences)
        if (ref.ndim != 3 or ref.shape[0] != len(sequences) or ref.shape[1] < longest
                or ref.shape[2] < 1 or ref.shape[2] > MAX_TOP_K):
            raise ProbeError(
                "unexpected shape for input 'reference_ids': expected [%d, T >= %d, k in [1, %d]],"
                " got %s" % (len(sequences), longest, MAX_TOP_K, list(ref.shape)))
        ref = ref.astype(np.int64)
        for b, seq in enumerate(sequences):
            valid = ref[b, :len(seq)]
            if valid.min() < 0 or valid.max() >= self.vocab_size:
                raise ProbeError("input 'reference_ids' has an id outside [0, %d) in sequence %d"
                                 % (self.vocab_size, b))
        return ref

    def _options(self, request, reference):
        top_k = _input(request, "top_k")
        k = 0 if top_k is None else int(top_k.reshape(-1)[0])
        if k < 0 or k > MAX_TOP_K:
            raise ProbeError("top_k must be in [0, %d], got %d" % (MAX_TOP_K, k))
        flag = _input(request, "return_hidden_states")
        hidden = flag is not None and bool(flag.reshape(-1)[0])
        wanted = {"num_tokens", "logsumexp", "gram"}
        if k > 0:
            wanted |= {"topk_ids", "topk_logits"}
        if hidden:
            wanted.add("hidden_states")
        if reference is not None:
            wanted.add("reference_logits")
        requested = set(request.requested_output_names()) if hasattr(
            request, "requested_output_names") else set()
        if requested:
            if "hidden_states" in requested and not hidden:
                raise ProbeError("output 'hidden_states' needs input return_hidden_states = true")
            if "reference_logits" in requested and reference is None:
                raise ProbeError("output 'reference_logits' needs input 'reference_ids'")
            unknown = requested - set(ALL_OUTPUTS)
            if unknown:
                raise ProbeError("unknown probe outputs %s" % sorted(unknown))
            wanted &= requested
        return k, hidden, wanted

    def _probe(self, request):
        sequences = self._sequences(request)
        reference = self._reference_ids(request, sequences)
        k, hidden, wanted = self._options(request, reference)
        batch, longest = len(sequences), max(len(s) for s in sequences)
        num_tokens = np.array([len(s) for s in sequences], dtype=np.int64)
        lse = np.zeros((batch, longest), dtype=np.float32)
        topk_ids = np.full((batch, longest, k), -1, dtype=np.int64)
        topk_logits = np.zeros((batch, longest, k), dtype=np.float32)
        gram = np.zeros((batch, longest, longest), dtype=np.float64)
        states = None
        ref_logits = None
        if reference is not None:
            ref_logits = np.zeros((batch, longest, reference.shape[2]), dtype=np.float32)
        with torch.inference_mode():
            for b, seq in enumerate(sequences):
                n = len(seq)
                ids = torch.tensor([seq], dtype=torch.long, device=self.device)
                out = self.model(input_ids=ids, output_hidden_states=hidden, use_cache=False)
                logits = out.logits[0].float()  # (N, V), reductions in float32 like the reference
                lse[b, :n] = torch.logsumexp(logits, dim=-1).cpu().numpy()
                if k > 0:
                    values, indices = torch.topk(logits, k, dim=-1, largest=True, sorted=True)
                    topk_ids[b, :n] = indices.cpu().numpy()
                    topk_logits[b, :n] = values.cpu().numpy()
                if ref_logits is not None:
                    ids_at = torch.tensor(reference[b, :n], dtype=torch.long, device=self.device)
                    ref_logits[b, :n] = torch.gather(logits, 1, ids_at).cpu().numpy()
                if "gram" in wanted:
                    gram[b, :n, :n] = centred_normalised_gram(logits).cpu().numpy()
                if hidden:
                    last = out.hidden_states[-1][0].float().cpu().numpy()  # (N, H), after the norm
                    if states is None:
                        states = np.zeros((batch, longest, last.shape[1]), dtype=np.float32)
                    states[b, :n] = last
        arrays = {"num_tokens": num_tokens, "logsumexp": lse, "topk_ids": topk_ids,
                  "topk_logits": topk_logits, "gram": gram, "hidden_states": states,
                  "reference_logits": ref_logits}
        tensors = [pb_utils.Tensor(name, arrays[name]) for name in ALL_OUTPUTS if name in wanted]
        return pb_utils.InferenceResponse(output_tensors=tensors)

    def finalize(self):
        self.model = None
        if torch.cuda.is_available():
            torch.cuda.empty_cache()
