#!/usr/bin/env python3
"""Renders the chat-template goldens in golden/chat_templates.json.

How the goldens were made: `python3 make_goldens.py` (Python 3.11, jinja2 3.1.6), run from any
directory. The environment mirrors the one Hugging Face transformers builds for chat templates:
ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True), a tojson filter that calls
json.dumps(ensure_ascii=False, indent=..., sort_keys=...) and a raise_exception global. Every
template in cases.json is rendered over every conversation, with and without
add_generation_prompt; a raise_exception becomes an "error" entry instead of an "output".
Rerun it whenever a template or cases.json changes; ChatTemplateGoldenTest checks the hashes.
"""
import hashlib
import json
import pathlib

import jinja2
from jinja2.exceptions import TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

HERE = pathlib.Path(__file__).resolve().parent


def tojson(value, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(value, ensure_ascii=ensure_ascii, indent=indent,
                      separators=separators, sort_keys=sort_keys)


def raise_exception(message):
    raise TemplateError(message)


def environment():
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    return env


def render(template, spec, conversation, add_generation_prompt):
    context = {
        "messages": conversation["messages"],
        "tools": conversation.get("tools"),
        "add_generation_prompt": add_generation_prompt,
    }
    for name in ("bos_token", "eos_token"):
        if spec[name] is not None:
            context[name] = spec[name]
    try:
        return {"output": template.render(**context)}
    except TemplateError as error:
        return {"error": str(error)}


def main():
    cases = json.loads((HERE / "cases.json").read_text(encoding="utf-8"))
    env = environment()
    results = []
    for name, spec in cases["templates"].items():
        source = (HERE / spec["file"]).read_text(encoding="utf-8")
        template = env.from_string(source)
        for conversation in cases["conversations"]:
            for add_generation_prompt in (False, True):
                entry = {
                    "template": name,
                    "conversation": conversation["id"],
                    "add_generation_prompt": add_generation_prompt,
                }
                entry.update(render(template, spec, conversation, add_generation_prompt))
                results.append(entry)
    hashes = {
        name: hashlib.sha256((HERE / spec["file"]).read_bytes()).hexdigest()
        for name, spec in cases["templates"].items()
    }
    hashes["cases.json"] = hashlib.sha256((HERE / "cases.json").read_bytes()).hexdigest()
    golden = {
        "generator": "make_goldens.py",
        "jinja2_version": jinja2.__version__,
        "sha256": hashes,
        "renders": results,
    }
    out = HERE / "golden" / "chat_templates.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(results)} renders to {out}")


if __name__ == "__main__":
    main()
