"""`make sdk`: the generated parts of both SDKs, from the committed openapi/openapi.json.

Pinned generators, so the output depends on the spec alone: openapi-python-client in
requirements-dev.lock (formatted by the ruff pinned there), openapi-typescript in
sdk/typescript/package-lock.json. `--into DIR` writes under DIR instead of in place
(tests/test_sdk.py compares a fresh generation with what is committed).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SPEC = ROOT / "openapi" / "openapi.json"
TYPESCRIPT = ROOT / "sdk" / "typescript"
PYTHON_OUT = Path("sdk/python/courier_sdk/generated")
TYPESCRIPT_OUT = Path("sdk/typescript/src/generated")


def _run(command: list[str | Path], **kwargs) -> None:
    done = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=300, **kwargs
    )
    if done.returncode != 0:
        sys.exit(f"{command[0]} failed:\n{done.stdout}\n{done.stderr}")


def python(into: Path) -> Path:
    out = into / PYTHON_OUT
    shutil.rmtree(out, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    _run(
        [
            BIN / "openapi-python-client",
            "generate",
            "--path",
            SPEC,
            "--meta",
            "none",
            "--config",
            ROOT / "sdk" / "python" / "openapi-python-client.yaml",
            "--output-path",
            out,
        ],
        # Its post-hooks call `ruff`: the pinned one.
        env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"},
    )
    return out


def typescript(into: Path) -> Path:
    out = into / TYPESCRIPT_OUT
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    generator = TYPESCRIPT / "node_modules" / ".bin" / "openapi-typescript"
    if not generator.exists():
        sys.exit("sdk/typescript/node_modules is missing: run `npm ci` in sdk/typescript")
    _run([generator, SPEC, "--default-non-nullable", "false", "-o", out / "schema.ts"])
    _run(["node", TYPESCRIPT / "scripts" / "routes.mjs", SPEC, out / "routes.ts"])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--into", type=Path, default=ROOT)
    parser.add_argument("--only", choices=("python", "typescript"))
    args = parser.parse_args()
    for name, generate in (("python", python), ("typescript", typescript)):
        if args.only in (None, name):
            print(f"generated {generate(args.into.resolve())}")


if __name__ == "__main__":
    main()
