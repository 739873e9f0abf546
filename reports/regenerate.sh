#!/usr/bin/env bash
# Regenerates the example outputs in reports/sample from data/corpus (the one command:
# `bash reports/regenerate.sh`). An optional argument writes them to another folder
# instead (tests/report_examples.rs does that and compares the files byte for byte).
# TAHLIL=path/to/tahlil uses that binary; otherwise the release build is made first.
set -euo pipefail
out="${1:-}"
if [ -n "$out" ]; then
  mkdir -p "$out"
  out="$(cd "$out" && pwd)"
fi
cd "$(dirname "$0")/.."
out="${out:-reports/sample}"
if [ -z "${TAHLIL:-}" ]; then
  cargo build --release --locked --quiet
  TAHLIL=target/release/tahlil
fi
mkdir -p "$out"
# inputs are named relative to the repository root, so the reports never hold a machine's path
"$TAHLIL" report data/corpus --quiet --output "$out/report.html"
"$TAHLIL" report data/corpus --quiet --output "$out/report.md"
"$TAHLIL" stats data/corpus --quiet --format json --output "$out/stats.json"
"$TAHLIL" cooc data/corpus --quiet --format graphml --output "$out/cooc.graphml"
"$TAHLIL" sections data/corpus --quiet --format markdown --output "$out/sections.md"
