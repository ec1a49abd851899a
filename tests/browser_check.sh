#!/usr/bin/env bash
# Browser check of report.html: runs framescope on tests/fixtures/charts (one article there
# carries `<script>alert(1)</script>` in its text), loads the page in headless Chromium and
# checks the rendered DOM. Not part of `cargo test` (needs a browser).
# Usage: tests/browser_check.sh [path/to/framescope]   (default: cargo build, target/debug)
# Env: CHROMIUM (default /usr/bin/chromium), KEEP=1 keeps the temp folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
chromium="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] || { echo "browser_check: no chromium at $chromium (apt-get install -y chromium)" >&2; exit 2; }
bin="${1:-}"
if [ -z "$bin" ]; then
  (cd "$root" && cargo build --quiet)
  bin="$root/target/debug/framescope"
fi
tmp="$(mktemp -d)"
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$tmp"' EXIT
out="$tmp/out"
"$bin" --quiet run --seeds "$root/tests/fixtures/charts" --out "$out" > "$tmp/run.log" 2>&1
page="$out/report.html"
[ -s "$page" ] || { echo "browser_check: no report.html" >&2; exit 1; }

browse() {
  "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$(mktemp -d -p "$tmp")" "$@" 2>> "$tmp/chromium.log"
}
browse --dump-dom "file://$page" > "$tmp/dom.html"
# Sorting: a copy of the page that clicks the framing_score header (found by its text, so
# hidden or added columns do not move it) twice after load.
sed 's|</body>|<script>var th=Array.from(document.querySelectorAll("table.sortable th")).find(function(t){return t.textContent==="framing_score";});th.click();window.firstDesc=document.querySelector("table.sortable tbody tr td").textContent;th.click();document.body.setAttribute("data-sorted",window.firstDesc+"/"+document.querySelector("table.sortable tbody tr td").textContent);</script></body>|' "$page" > "$out/sorted.html"
browse --dump-dom "file://$out/sorted.html" > "$tmp/sorted.html"
browse --window-size=1280,2400 --screenshot="$tmp/report.png" "file://$page" > /dev/null || true
# Width: the score table fits a 1280 px window without scrolling sideways (review, session 35:
# it needed 1592 px for the 49 dev articles).
sed 's|</body>|<script>var w=document.querySelector(".tablewrap");document.body.setAttribute("data-fit",w.scrollWidth+"/"+w.clientWidth);</script></body>|' "$page" > "$out/width.html"
browse --window-size=1280,1000 --dump-dom "file://$out/width.html" > "$tmp/width.html"
fit="$(grep -o 'data-fit="[0-9]*/[0-9]*"' "$tmp/width.html" | grep -o '[0-9]*/[0-9]*' || true)"

fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }
dom="$tmp/dom.html"
n_articles=$(find "$root/tests/fixtures/charts" -name '*.txt' | wc -l)
check "inline sort script ran (table marked ready)" "grep -q '<table class=\"sortable\" data-ready=\"1\"' '$dom'"
check "one section per article ($n_articles)" "[ \"\$(grep -o '<article class=\"art\"' '$dom' | wc -l)\" -eq $n_articles ]"
for f in "$root"/tests/fixtures/charts/*.txt; do
  id="$(basename "$f" .txt)"
  check "section for $id" "grep -q 'id $id</p>' '$dom'"
done
check "sentences shaded (background style on sentence spans)" "[ \"\$(grep -o 'class=\"s[^\"]*\" data-p=\"[0-9.]*\" data-voice=\"[a-z]*\" style=\"background:#[0-9a-f]\{6\}' '$dom' | wc -l)\" -ge 20 ]"
check "lexicon hits underlined with their entry" "grep -q '<u class=\"hit w\" title=\"Western lexicon: ' '$dom'"
check "cut boilerplate shown collapsed and struck through" "grep -q '<details class=\"cuts\"><summary>1 line(s) cut by the cleaner</summary><ul><li><s>Read more: Geneva talks &lt;live&gt; updates</s>' '$dom'"
check "article script shown as text" "grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' '$dom'"
check "no injected <script> element with alert" "! grep -qi '<script[^>]*>[^<]*alert' '$dom'"
check "exactly one <script> element (the sorter)" "[ \"\$(grep -oi '<script' '$dom' | wc -l)\" -eq 1 ]"
check "no external http(s) resource in the HTML" "! grep -Eqi '(src|href)=\"(https?:)?//' '$page'"
check "no @import/url(http) in styles" "! grep -Eqi '@import|url\\((\"|'\\'')?https?:' '$page'"
# Every chart the run drew is embedded (issue 16: own_text.png was missing).
n_charts=$(find "$out/charts" -name '*.png' | wc -l)
check "all $n_charts charts embedded as data URIs" "[ $n_charts -ge 8 ] && [ \"\$(grep -o 'src=\"data:image/png;base64,' '$page' | wc -l)\" -eq $n_charts ]"
# framing_score: the highest first after one click, the lowest after the second.
hi=$(sort -t, -k6 -g -r "$out/scores.csv" | head -1 | cut -d, -f1)
lo=$(tail -n +2 "$out/scores.csv" | sort -t, -k6 -g | head -1 | cut -d, -f1)
check "clicking framing_score sorts descending then ascending ($hi / $lo)" "grep -q 'data-sorted=\"$hi/$lo\"' '$tmp/sorted.html'"
check "screenshot taken" "[ -s '$tmp/report.png' ]"
check "score table fits 1280 px (scroll/client width $fit)" "[ -n '$fit' ] && [ \"\${fit%/*}\" -le \"\${fit#*/}\" ]"
if [ "${KEEP:-}" = 1 ]; then echo "browser_check: kept $tmp (dom.html, report.png)"; fi
[ $fail = 0 ] && echo "browser_check: all checks passed" || { echo "browser_check: FAILED" >&2; exit 1; }
