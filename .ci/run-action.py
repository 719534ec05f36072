"""Runs action.yml's shell steps here, as a Linux runner would with no release to download.

Usage: python3 .ci/run-action.py KEY=VALUE...   (the action's inputs, e.g. path=examples/http-bank)

Not a GitHub runner: `uses:` steps (setup-node, cache) are skipped, `if:` conditions are the few
forms action.yml uses, and `${{ }}` expressions are looked up in the inputs, the step outputs and
a fixed runner context. What it proves is that the scripts themselves work: the release lookup
falls back to `cargo install`, the binary lands on PATH, validate runs with annotations, writes
the job summary, and its exit status is the step's. Exits with the first failing step's status.
"""

import os
import re
import subprocess
import sys
import tempfile

import yaml

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
action = yaml.safe_load(open(os.path.join(root, "action.yml")))
inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
for arg in sys.argv[1:]:
    key, _, value = arg.partition("=")
    if key not in inputs:
        sys.exit(f"unknown input {key}")
    inputs[key] = value

tmp = tempfile.mkdtemp(prefix="levelcheck-action-")
summary = os.path.join(tmp, "summary.md")
open(summary, "w").close()
context = {
    "runner.os": "Linux",
    "runner.arch": "X64",
    "runner.temp": tmp,
    "github.token": "",
    "github.action_repository": "",
    "github.action_path": root,
}
outputs = {}
path_dirs = []


def lookup(expr):
    expr = expr.strip()
    if expr.startswith("inputs."):
        return inputs[expr[len("inputs."):]]
    m = re.fullmatch(r"steps\.(\w+)\.outputs\.(\w+)", expr)
    if m:
        return outputs.get(m.group(1), {}).get(m.group(2), "")
    if expr in context:
        return context[expr]
    raise SystemExit(f"run-action.py does not know ${{{{ {expr} }}}}")


def substitute(text):
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: lookup(m.group(1)), str(text))


def condition(expr):
    m = re.fullmatch(r"\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*", expr)
    if not m:
        raise SystemExit(f"run-action.py does not know the condition {expr!r}")
    equal = lookup(m.group(1)) == m.group(3)
    return equal if m.group(2) == "==" else not equal


for step in action["runs"]["steps"]:
    name = step.get("name", step.get("uses"))
    if "if" in step and not condition(step["if"]):
        print(f"-- {name}: skipped (if: {step['if']})")
        continue
    if "uses" in step:
        print(f"-- {name}: skipped here ({step['uses']} runs only on GitHub)")
        continue
    out_file = os.path.join(tmp, "output")
    open(out_file, "w").close()
    path_file = os.path.join(tmp, "path")
    open(path_file, "w").close()
    env = dict(os.environ)
    env.update({k: substitute(v) for k, v in step.get("env", {}).items()})
    env.update(
        GITHUB_OUTPUT=out_file,
        GITHUB_PATH=path_file,
        GITHUB_STEP_SUMMARY=summary,
        GITHUB_ACTION_PATH=root,
        GITHUB_REPOSITORY="levelcheck/levelcheck",
        RUNNER_TEMP=tmp,
        PATH=os.pathsep.join(path_dirs + [os.environ["PATH"]]),
    )
    print(f"-- {name}", flush=True)
    status = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", substitute(step["run"])],
        env=env,
        cwd=os.getcwd(),
    ).returncode
    if "id" in step:
        outputs[step["id"]] = dict(
            line.split("=", 1) for line in open(out_file).read().splitlines() if "=" in line
        )
    path_dirs = [d for d in open(path_file).read().splitlines() if d] + path_dirs
    if status:
        print(f"-- {name}: exit {status}")
        print(f"-- job summary:\n{open(summary).read()}")
        sys.exit(status)
print(f"-- job summary:\n{open(summary).read()}")
