#!/usr/bin/env bash
# Timing checks that no text stage is quadratic: 10x the input may cost at most 25x the time.
# They time the work, so they are not part of `cargo test` (speed is measured in benchmarks,
# never asserted in tests); run them on a quiet machine before a release:
#   bash benches/linearity.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --release --test robustness -- --ignored \
  text_stages_are_linear_in_line_length many_lines_are_cleaned_in_linear_time \
  sourcing_is_linear_in_a_sentences_length
