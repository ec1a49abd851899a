#!/usr/bin/env bash
# Execute notebooks/explore.ipynb headless against a framescope output folder; fails if any
# cell fails. Usage: tests/run_notebook.sh [OUTPUT_DIR]   (default: output)
# Needs the packages of notebooks/requirements.txt (pip install -r notebooks/requirements.txt).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(cd "${1:-$root/output}" && pwd)"
[ -f "$out/scores.csv" ] || { echo "run_notebook: no scores.csv in $out (run framescope run first)" >&2; exit 2; }
executed="$(mktemp -d)/explore.executed.ipynb"
FRAMESCOPE_OUT="$out" python3 - "$root/notebooks/explore.ipynb" "$executed" <<'PY'
import sys
import nbformat
from nbclient import NotebookClient

src, dst = sys.argv[1], sys.argv[2]
nb = nbformat.read(src, as_version=4)
# Any cell error raises CellExecutionError, a non-zero exit.
NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": sys.argv[1].rsplit("/", 1)[0]}}).execute()
nbformat.write(nb, dst)
errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
if errors:
    sys.exit(f"run_notebook: {len(errors)} cell(s) failed")
print(f"run_notebook: all {sum(c.cell_type == 'code' for c in nb.cells)} code cells ran; executed copy: {dst}")
PY
