#!/usr/bin/env bash
# Soak and size benchmark (issue 10): every command on inputs real users have that once
# made a run never end or eat the machine. Not a test: it prints figures to copy into
# BENCHMARKS.md and compares them with the targets; it never fails on a slow run.
#
#   benches/limits.sh                 # all three inputs
#   SKIP_1GB=1 benches/limits.sh      # without the 1 GB corpus
#
# Inputs, generated in a temporary folder (removed at the end):
#   line.txt   a 50 MB document on one line: the sample article's text, its lines joined
#              with spaces, repeated (sentence punctuation kept: a scraped page);
#   bare.txt   the same 50 MB line without any sentence end (a PDF dump): sentences are cut
#              at 5,000 words;
#   edge.txt   one document of 40,000 lines `زار الوزير الهند وروسيا.` (one edge in every
#              sentence);
#   big/       ~1 GB of ordinary articles: the ANT corpus repeated with new ids.
# Each command runs once under GNU time: wall and user seconds, peak RSS, output size
# (outputs go to files in the temporary folder). Targets (2-core machine): on the 50 MB
# line every command < 10 × stats's time and < 500 MB RSS; `cooc` with default evidence
# ≤ 1.5 × `--evidence 0` on edge.txt (user time); no output larger than 2 × its input.
#
# Environment: TAHLIL (binary; default: build target/release/tahlil), CORPUS (ANT folder),
# THREADS (-j for every run, default 2), SKIP_1GB=1.
# The machine may be shared: `uptime` is printed before and after; compare user time and
# RSS rather than wall time when the load is above the number of cores.
set -euo pipefail
export LC_ALL=C.UTF-8
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${CORPUS:-$ROOT/../shared/corpora/ant-multisource}
THREADS=${THREADS:-2}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "limits.sh: GNU time (/usr/bin/time) is required (apt-get install time)" >&2; exit 2; }
if [ -z "${TAHLIL:-}" ]; then
    (cd "$ROOT" && cargo build --release --quiet)
    TAHLIL=$ROOT/target/release/tahlil
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tahlil-limits.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

echo "# tahlil limits.sh — $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; -j $THREADS"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
echo "binary: $TAHLIL ($("$TAHLIL" --version))"

# --- inputs -----------------------------------------------------------------------------
ARTICLE=$ROOT/data/corpus/india-central-asia.txt
tr '\n' ' ' < "$ARTICLE" > "$WORK/one.txt"
: > "$WORK/line.txt"
while [ "$(stat -c %s "$WORK/line.txt")" -lt $((50 * 1000 * 1000)) ]; do
    cat "$WORK/one.txt" "$WORK/one.txt" "$WORK/one.txt" "$WORK/one.txt" >> "$WORK/line.txt"
done
# the same line without any sentence end mark
tr -d '.!?؟…۔' < "$WORK/line.txt" > "$WORK/bare.txt"
yes 'زار الوزير الهند وروسيا.' | head -n 40000 > "$WORK/edge.txt"
echo "inputs: line.txt $(stat -c %s "$WORK/line.txt") bytes (1 line), bare.txt $(stat -c %s "$WORK/bare.txt") bytes, edge.txt $(stat -c %s "$WORK/edge.txt") bytes (40,000 lines)"

# run NAME INPUT_BYTES OUT CMD... : one run of CMD -o OUT; prints a table row and keeps
# "wall user rss" in $WORK/NAME.times
run() {
    local name=$1 in_bytes=$2 out=$3; shift 3
    local rc=0
    rm -f "$out"
    "$TIME" -f "%e %U %M" -o "$WORK/$name.t" "$@" -o "$out" 2> "$WORK/$name.err" || rc=$?
    [ -e "$out" ] || : > "$out"
    local t; t=$(tail -1 "$WORK/$name.t")
    local size; size=$(stat -c %s "$out")
    echo "$t" > "$WORK/$name.times"
    printf '| %-40s | %7s | %7s | %7.0f | %11s | %5.2f |%s\n' "$name" \
        "$(echo "$t" | cut -d' ' -f1)" "$(echo "$t" | cut -d' ' -f2)" \
        "$(awk "BEGIN{print $(echo "$t" | cut -d' ' -f3) / 1024}")" "$size" \
        "$(awk "BEGIN{print $size / $in_bytes}")" "$([ $rc -eq 0 ] || echo " exit $rc")"
}
header() {
    echo
    echo "$1"
    echo
    echo '| run | wall s | user s | RSS MB | output bytes | out ÷ in |'
    echo '|---|---:|---:|---:|---:|---:|'
}
field() { cut -d' ' -f"$2" "$WORK/$1.times"; }
calc() { awk "BEGIN{printf \"%.2f\", $1}"; }

# every command on one input
commands() { # commands TAG FILE
    local tag=$1 f=$2 n; n=$(stat -c %s "$f")
    local j=(-j "$THREADS" -q)
    run "$tag stats" "$n" "$WORK/o.tsv" "$TAHLIL" stats "$f" "${j[@]}" --format tsv
    run "$tag stats --ngram 2" "$n" "$WORK/o.tsv" "$TAHLIL" stats "$f" "${j[@]}" --ngram 2 --format tsv
    run "$tag cooc (json)" "$n" "$WORK/o.json" "$TAHLIL" cooc "$f" "${j[@]}" --format json
    run "$tag cooc --evidence 0" "$n" "$WORK/o.json" "$TAHLIL" cooc "$f" "${j[@]}" --format json --evidence 0
    run "$tag cooc --unit window:50" "$n" "$WORK/o.json" "$TAHLIL" cooc "$f" "${j[@]}" --format json --unit window:50
    run "$tag cooc --unit document" "$n" "$WORK/o.json" "$TAHLIL" cooc "$f" "${j[@]}" --format json --unit document
    run "$tag mentions (jsonl)" "$n" "$WORK/o.jsonl" "$TAHLIL" mentions "$f" "${j[@]}" --format jsonl
    run "$tag sections (json)" "$n" "$WORK/o.json" "$TAHLIL" sections "$f" "${j[@]}" --format json
    run "$tag report (html)" "$n" "$WORK/o.html" "$TAHLIL" report "$f" "${j[@]}"
}

targets_line() { # targets_line TAG
    local tag=$1 s; s=$(field "$tag stats" 2)
    echo
    echo "$tag: stats user time $s s; each command's user time ÷ stats's (target < 10) and RSS (target < 500 MB):"
    for c in "stats --ngram 2" "cooc (json)" "cooc --evidence 0" "cooc --unit window:50" "cooc --unit document" "mentions (jsonl)" "sections (json)" "report (html)"; do
        printf '  %-24s %6s ×  %6.0f MB\n' "$c" "$(calc "$(field "$tag $c" 2) / ($s > 0.01 ? $s : 0.01)")" \
            "$(awk "BEGIN{print $(field "$tag $c" 3) / 1024}")"
    done
}

header "## 50 MB on one line (line.txt)"
commands line "$WORK/line.txt"
header "## 50 MB on one line without sentence ends (bare.txt)"
commands bare "$WORK/bare.txt"
targets_line line
targets_line bare

header "## 40,000 sentences sharing one edge (edge.txt)"
commands edge "$WORK/edge.txt"
echo
echo "cooc user time, default evidence ÷ --evidence 0: $(calc "$(field "edge cooc (json)" 2) / ($(field "edge cooc --evidence 0" 2) > 0.01 ? $(field "edge cooc --evidence 0" 2) : 0.01)") (target ≤ 1.5)"

if [ -z "${SKIP_1GB:-}" ]; then
    shopt -s nullglob
    FILES=("$CORPUS"/*.jsonl)
    if [ ${#FILES[@]} -eq 0 ]; then
        echo "limits.sh: no corpus at $CORPUS; 1 GB part skipped" >&2
    else
        BIG=$WORK/big; mkdir -p "$BIG"
        size=$(du -cb "${FILES[@]}" | tail -1 | cut -f1)
        copies=$(( (1000 * 1000 * 1000 + size - 1) / size ))
        for k in $(seq "$copies"); do
            for f in "${FILES[@]}"; do
                sed "s/^{\"id\": \"/{\"id\": \"r$k-/" "$f" > "$BIG/r$k-$(basename "$f")"
            done
        done
        n=$(du -sb "$BIG" | cut -f1)
        header "## ~1 GB of articles ($copies copies of ANT, $n bytes)"
        j=(-j "$THREADS" -q)
        run "1GB stats" "$n" "$WORK/o.tsv" "$TAHLIL" stats "$BIG" "${j[@]}" --format tsv
        run "1GB cooc (json)" "$n" "$WORK/o.json" "$TAHLIL" cooc "$BIG" "${j[@]}" --format json
        run "1GB mentions (jsonl)" "$n" "$WORK/o.jsonl" "$TAHLIL" mentions "$BIG" "${j[@]}" --format jsonl
        run "1GB sections (jsonl)" "$n" "$WORK/o.jsonl" "$TAHLIL" sections "$BIG" "${j[@]}" --format jsonl
        run "1GB report (html)" "$n" "$WORK/o.html" "$TAHLIL" report "$BIG" "${j[@]}"
        rm -rf "$BIG"
    fi
fi
echo
echo "load after: $(uptime | sed 's/.*load average/load average/')"
