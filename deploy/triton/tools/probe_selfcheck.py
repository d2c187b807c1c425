"""Runs the acbench_probe Python-backend model outside Triton and checks its outputs.

Usage: python probe_selfcheck.py CHECKPOINT_DIR   (needs torch, transformers, numpy)

A stand-in for `triton_python_backend_utils` feeds model.py a request the way Triton's Python
backend would; the outputs are compared with values computed here independently in numpy from
the full logits of a plain transformers forward pass. Also checks the Gram form against the
ERank test vector of benchmark-spec.md Appendix A.
"""

import importlib.util
import json
import os
import shutil
import sys
import tempfile
import types

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL_DIR = os.path.join(HERE, "..", "model_repository", "acbench_probe")


class _Tensor:
    def __init__(self, name, array):
        self._name, self._array = name, np.asarray(array)

    def name(self):
        return self._name

    def as_numpy(self):
        return self._array


class _Error:
    INVALID_ARG, INTERNAL = "INVALID_ARG", "INTERNAL"

    def __init__(self, message, code=None):
        self.message, self.code = message, code


class _Response:
    def __init__(self, output_tensors=(), error=None):
        self.outputs = {t.name(): t.as_numpy() for t in output_tensors}
        self.error = error


class _Request:
    def __init__(self, inputs, requested=()):
        self.inputs, self.requested = inputs, list(requested)

    def requested_output_names(self):
        return self.requested


def _stub_backend_utils():
    pb = types.ModuleType("triton_python_backend_utils")
    pb.Tensor, pb.TritonError, pb.InferenceResponse = _Tensor, _Error, _Response
    pb.get_input_tensor_by_name = lambda request, name: (
        _Tensor(name, request.inputs[name]) if name in request.inputs else None)
    sys.modules["triton_python_backend_utils"] = pb


def _load_model(checkpoint):
    _stub_backend_utils()
    spec = importlib.util.spec_from_file_location("probe_model", os.path.join(MODEL_DIR, "1", "model.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    repo = tempfile.mkdtemp()
    os.makedirs(os.path.join(repo, "1"))
    with open(os.path.join(repo, "1", "model.json"), "w", encoding="utf-8") as f:
        json.dump({"model": os.path.abspath(checkpoint), "dtype": "float32"}, f)
    model = module.TritonPythonModel()
    model.initialize({"model_repository": repo, "model_version": "1",
                      "model_instance_kind": "CPU", "model_instance_device_id": "0",
                      "model_config": "{}"})
    shutil.rmtree(repo)
    return module, model


def _reference(checkpoint, seq):
    import torch
    from transformers import AutoModelForCausalLM
    lm = AutoModelForCausalLM.from_pretrained(checkpoint, torch_dtype=torch.float32).eval()
    with torch.inference_mode():
        return lm(input_ids=torch.tensor([seq])).logits[0].numpy().astype(np.float64)


def check_gram_vector(module):
    import torch
    x = torch.tensor([[1, 2, 0, 0], [0, 1, 3, 1], [2, 0, 1, 1]], dtype=torch.float32)
    g = module.centred_normalised_gram(x).numpy()
    lam = np.linalg.eigvalsh(g / np.trace(g))
    lam = lam[lam > 1e-10]
    erank = float(np.exp(-(lam * np.log(lam)).sum()))
    assert abs(erank - 1.9765972) < 1e-6, erank
    assert np.allclose(sorted(lam), [0.4234358, 0.5765642], atol=1e-6), lam


def main(checkpoint):
    module, model = _load_model(checkpoint)
    check_gram_vector(module)
    seqs = [[1, 5, 9, 2, 7], [3, 4, 8]]
    ids = np.zeros((2, 5), dtype=np.int64)
    for b, s in enumerate(seqs):
        ids[b, :len(s)] = s
    k = 4
    request = _Request({"input_ids": ids, "input_lengths": np.array([5, 3], dtype=np.int64),
                        "top_k": np.array([k], dtype=np.int32),
                        "return_hidden_states": np.array([True])})
    response = model.execute([request])[0]
    assert response.error is None, response.error.message
    out = response.outputs
    assert out["num_tokens"].tolist() == [5, 3]
    assert out["logsumexp"].shape == (2, 5) and out["gram"].shape == (2, 5, 5)
    assert out["topk_ids"].shape == (2, 5, k) and out["hidden_states"].shape[:2] == (2, 5)
    for b, seq in enumerate(seqs):
        n = len(seq)
        x = _reference(checkpoint, seq)  # (N, V) float64
        m = x.max(axis=1, keepdims=True)
        lse = (m[:, 0] + np.log(np.exp(x - m).sum(axis=1)))
        assert np.allclose(out["logsumexp"][b, :n], lse, atol=1e-4), b
        top = np.argsort(-x, axis=1, kind="stable")[:, :k]
        assert np.allclose(out["topk_logits"][b, :n], np.take_along_axis(x, top, 1), atol=1e-4)
        assert np.allclose(np.take_along_axis(x, out["topk_ids"][b, :n], 1),
                           np.take_along_axis(x, top, 1), atol=1e-4)
        c = x - x.mean(axis=0, keepdims=True)
        r = c / np.linalg.norm(c, axis=1, keepdims=True)
        assert np.allclose(out["gram"][b, :n, :n], r @ r.T / n, atol=1e-5), b
        assert (out["topk_ids"][b, n:] == -1).all() and (out["gram"][b, n:] == 0).all()
    bad = model.execute([_Request({"top_k": np.array([1], dtype=np.int32)})])[0]
    assert bad.error is not None and bad.error.code == "INVALID_ARG", bad.error
    # reference_ids: this model's logits at another model's ids (here its own top-k, shifted)
    ref = np.zeros((2, 5, 3), dtype=np.int64)
    for b, seq in enumerate(seqs):
        ref[b, :len(seq)] = (out["topk_ids"][b, :len(seq), :3] + 1) % 8
    with_ref = model.execute([_Request({"input_ids": ids,
                                        "input_lengths": np.array([5, 3], dtype=np.int64),
                                        "reference_ids": ref})])[0]
    assert with_ref.error is None, with_ref.error.message
    assert with_ref.outputs["reference_logits"].shape == (2, 5, 3)
    for b, seq in enumerate(seqs):
        n = len(seq)
        x = _reference(checkpoint, seq)
        assert np.allclose(with_ref.outputs["reference_logits"][b, :n],
                           np.take_along_axis(x, ref[b, :n], 1), atol=1e-4), b
    too_wide = np.zeros((2, 5, 65), dtype=np.int64)
    bad_ref = model.execute([_Request({"input_ids": ids, "reference_ids": too_wide})])[0]
    assert bad_ref.error is not None and bad_ref.error.code == "INVALID_ARG", bad_ref.error
    only = model.execute([_Request({"input_ids": ids[:1, :5]}, requested=["gram"])])[0]
    assert set(only.outputs) == {"gram"}, only.outputs.keys()
    print("probe model self-check passed")


if __name__ == "__main__":
    main(sys.argv[1])
