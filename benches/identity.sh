#!/usr/bin/env bash
# Byte-identity check of two framescope binaries (a refactoring must not change one output
# byte): runs `run`, `score`, `eval`, `keyness` (by label and by weak label), `overlap`,
# `diff`, `chart` and `report` with each binary on the same inputs, then compares every output
# file byte for byte. run.json and report.html may differ only in the run's time: run.json's
# `created`, `stages` (seconds, peak memory) and the program path in `arguments`, and
# report.html's timestamps are blanked
# before comparing them, and run.json's hash of report.html is dropped (that hash changes
# with the timestamp). Everything else must be identical.
#
#   benches/identity.sh OLD_BINARY NEW_BINARY [CORPUS.jsonl]
#
# Without CORPUS only the seeds are used. Run from the repository root. Exit 0 = identical.
set -euo pipefail
old=${1:?old binary}
new=${2:?new binary}
corpus=${3:-}
work=$(mktemp -d /tmp/fs-identity.XXXXXX)
trap 'rm -rf "$work"' EXIT
labelled=tests/fixtures/eval

jobs() { # $1 = binary, $2 = output root, $3 = name, $4... = inputs beyond the seeds
    local bin=$1 root=$2 name=$3
    shift 3
    local d=$root/$name
    mkdir -p "$d"
    "$bin" -q run --seeds seeds --out "$d/run" "$@" >/dev/null 2>&1
    local inputs=("$@")
    [ ${#inputs[@]} -eq 0 ] && inputs=(seeds)
    "$bin" -q score --model "$d/run/model.json" --out "$d/score" "${inputs[@]}" >/dev/null 2>&1
    "$bin" -q eval --model "$d/run/model.json" --train seeds --out "$d/eval" --bootstrap 200 "$labelled" >/dev/null 2>&1
    "$bin" -q keyness --model "$d/run/model.json" --out "$d/keyness" "${inputs[@]}" >/dev/null 2>&1
    "$bin" -q keyness --by weak --out "$d/keyness-weak" "${inputs[@]}" >/dev/null 2>&1
    "$bin" -q overlap --out "$d/overlap" "${inputs[@]}" >/dev/null 2>&1
    # `chart` and `report` redraw from the run's folder, into a copy of it.
    cp -r "$d/run" "$d/redraw"
    rm -rf "$d/redraw/charts" "$d/redraw/report.html"
    "$bin" -q chart --out "$d/redraw" >/dev/null 2>&1
    "$bin" -q report --out "$d/redraw" >/dev/null 2>&1
}

normalise() { # blank the run's time in run.json (and eval.run.json, …) and report.html
    python3 - "$1" <<'PY'
import json, pathlib, re, sys
root = pathlib.Path(sys.argv[1])
stamp = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
for p in root.rglob("*run.json"):
    j = json.loads(p.read_text())
    j["created"] = "TIME"
    j["stages"] = []
    if j.get("arguments"):
        j["arguments"][0] = "BIN"  # the binary's own path
    j["outputs"] = [o for o in j.get("outputs", []) if not o["path"].endswith("report.html")]
    p.write_text(json.dumps(j, indent=1, sort_keys=True))
for p in root.rglob("report.html"):
    p.write_bytes(stamp.sub(b"TIME", p.read_bytes()))
PY
}

for side in old new; do
    bin=$old
    [ $side = new ] && bin=$new
    jobs "$bin" "$work/$side" seeds
    if [ -n "$corpus" ]; then
        jobs "$bin" "$work/$side" corpus "$corpus"
        "$bin" -q diff --old "$work/$side/seeds/run" --new "$work/$side/corpus/run" --out "$work/$side/diff" >/dev/null 2>&1
    else
        "$bin" -q diff --old "$work/$side/seeds/run" --new "$work/$side/seeds/score" --out "$work/$side/diff" >/dev/null 2>&1 || true
    fi
    # Paths inside the outputs name the side's folder: make them the same.
    grep -rlZ "$work/$side" "$work/$side" | xargs -0 -r sed -i "s#$work/$side#ROOT#g"
    normalise "$work/$side"
done
files=$(cd "$work/old" && find . -type f | sort | wc -l)
if diff -r "$work/old" "$work/new"; then
    echo "identical: $files files"
else
    echo "DIFFERENT (see above)"
    exit 1
fi
