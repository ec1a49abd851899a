#!/bin/sh
# Regenerate the README's chart images (docs/*.png) from the seeds. `cargo test`
# (tests/docs_images.rs) fails when they differ from what a fresh run draws.
set -e
cd "$(dirname "$0")/.."
out=$(mktemp -d)
cargo run --release --quiet -- --quiet run --seeds seeds --out "$out/out"
for f in framing_scores.png similarity.png voice_vs_quoted.png; do
    cp "$out/out/charts/$f" docs/
done
rm -rf "$out"
echo "docs images regenerated"
