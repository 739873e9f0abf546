#!/usr/bin/env bash
# Whole-process comparison of `tahlil stats` with `wc -w` and a Python + CAMeL Tools
# baseline on the same files, side by side: median wall time, user and system CPU time and
# peak RSS (GNU time) over REPS runs, and the ratios of the performance issue. Then the
# linearity/RSS check on a ~1 GB corpus (the corpus repeated with new ids, in a temporary
# folder, removed at the end).
#
#   benches/compare.sh                      # ANT from ../shared/corpora, 5 repetitions
#   REPS=3 PY_REPS=1 SKIP_1GB=1 benches/compare.sh
#   CORPUS=path/to/folder benches/compare.sh
#
# Environment: CORPUS (folder of .jsonl files), REPS (5), PY_REPS (1; the Python baseline
# takes ~45 s a run), BIG_REPS (3), SKIP_PY=1, SKIP_1GB=1, TAHLIL (binary; default: build
# target/release/tahlil), VENV (Python venv for CAMeL Tools, created when missing:
# camel-tools is installed with --no-deps plus the three modules its utils and word
# tokenizer import: six, emoji, regex).
#
# The machine may be shared: the script prints `uptime` before and after. Compare user
# CPU time (and callgrind instruction counts, see BENCHMARKS.md) rather than wall time
# when the load average is above the number of cores.
set -euo pipefail
export LC_ALL=C.UTF-8
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${CORPUS:-$ROOT/../shared/corpora/ant-multisource}
REPS=${REPS:-5}
PY_REPS=${PY_REPS:-1}
BIG_REPS=${BIG_REPS:-3}
VENV=${VENV:-${TMPDIR:-/tmp}/tahlil-camel-venv}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "compare.sh: GNU time (/usr/bin/time) is required (apt-get install time)" >&2; exit 2; }
[ -d "$CORPUS" ] || { echo "compare.sh: no corpus at $CORPUS" >&2; exit 2; }
shopt -s nullglob
FILES=("$CORPUS"/*.jsonl)
[ ${#FILES[@]} -gt 0 ] || { echo "compare.sh: no .jsonl file in $CORPUS" >&2; exit 2; }

if [ -z "${TAHLIL:-}" ]; then
    (cd "$ROOT" && cargo build --release --quiet)
    TAHLIL=$ROOT/target/release/tahlil
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tahlil-compare.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

echo "# tahlil compare.sh — $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
echo "corpus: $CORPUS (${#FILES[@]} files, $(du -cb "${FILES[@]}" | tail -1 | cut -f1) bytes)"
echo "binary: $TAHLIL ($("$TAHLIL" --version))"
echo

# run NAME REPS CMD... : runs CMD REPS times (stdout to $WORK/NAME.out), records
# "wall user sys rss_kb" per run in $WORK/NAME.times
run() {
    local name=$1 reps=$2; shift 2
    : > "$WORK/$name.times"
    for _ in $(seq "$reps"); do
        "$TIME" -f "%e %U %S %M" -o "$WORK/$name.t" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" || {
            echo "compare.sh: $name failed:" >&2; cat "$WORK/$name.err" >&2; return 1; }
        tail -1 "$WORK/$name.t" >> "$WORK/$name.times"
    done
}
calc() { awk "BEGIN{print $1}"; }
# med NAME COL : median of column COL (1 wall, 2 user, 3 sys, 4 rss) of NAME's runs
med() { sort -n -k"$2","$2" "$WORK/$1.times" | awk -v c="$2" '{v[NR]=$c} END{print v[int((NR+1)/2)]}'; }
row() {
    local name=$1 label=$2
    [ -s "$WORK/$name.times" ] || return 0
    printf '| %-34s | %4s | %8.2f | %8.2f | %7.2f | %8.0f | %6.2f |\n' "$label" \
        "$(wc -l < "$WORK/$name.times")" "$(med "$name" 1)" "$(med "$name" 2)" "$(med "$name" 3)" \
        "$(calc "$(med "$name" 4) / 1024")" \
        "$(calc "$(med "$name" 1) / $(med wc 1)")"
}

run wc "$REPS" wc -w "${FILES[@]}"
run j2 "$REPS" "$TAHLIL" stats "${FILES[@]}" -j 2 -q --format tsv
run j1 "$REPS" "$TAHLIL" stats "${FILES[@]}" -j 1 -q --format tsv
HAS_COOC=0; HAS_SECTIONS=0
if "$TAHLIL" cooc --help > /dev/null 2>&1; then
    HAS_COOC=1
    run cooc "$REPS" "$TAHLIL" cooc "${FILES[@]}" --unit sentence -j 2 -q --format tsv
    run coocj1 "$REPS" "$TAHLIL" cooc "${FILES[@]}" --unit sentence -j 1 -q --format tsv
fi
if "$TAHLIL" sections --help > /dev/null 2>&1; then
    HAS_SECTIONS=1
    run sections "$REPS" "$TAHLIL" sections "${FILES[@]}" -j 2 -q --format jsonl
    run sectionsj1 "$REPS" "$TAHLIL" sections "${FILES[@]}" -j 1 -q --format jsonl
fi

if [ -z "${SKIP_PY:-}" ]; then
    if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import camel_tools.tokenizers.word' 2> /dev/null; then
        echo "setting up $VENV (camel-tools --no-deps, six, emoji, regex)" >&2
        python3 -m venv "$VENV"
        "$VENV/bin/pip" install -q --no-deps camel-tools >&2
        "$VENV/bin/pip" install -q six emoji regex >&2
    fi
    run py "$PY_REPS" "$VENV/bin/python" "$ROOT/benches/baseline_camel.py" "${FILES[@]}" --top 20
fi

echo "| run                                | reps | wall (s) | user (s) | sys (s) | RSS (MB) | ÷ wc -w |"
echo "|------------------------------------|-----:|---------:|---------:|--------:|---------:|--------:|"
row wc "wc -w"
row j2 "tahlil stats -j2"
row j1 "tahlil stats -j1"
[ $HAS_COOC = 1 ] && row cooc "tahlil cooc --unit sentence -j2"
[ $HAS_COOC = 1 ] && row coocj1 "tahlil cooc --unit sentence -j1"
[ $HAS_SECTIONS = 1 ] && row sections "tahlil sections -j2"
[ $HAS_SECTIONS = 1 ] && row sectionsj1 "tahlil sections -j1"
row py "Python + CAMeL Tools + Counter"
echo
j2w=$(med j2 1); j1w=$(med j1 1); wcw=$(med wc 1)
printf 'stats -j2 wall ÷ wc -w wall: %.2f (target ≤ 0.5)\n' "$(calc "$j2w / $wcw")"
printf 'stats -j1 ÷ -j2 wall: %.2f×, user CPU -j1 ÷ wc -w user: %.2f (target speed-up ≥ 1.7)\n' \
    "$(calc "$j1w / $j2w")" "$(calc "$(med j1 2) / $(med wc 2)")"
printf 'stats -j2 peak RSS: %.0f MB (target ≤ 200)\n' "$(calc "$(med j2 4) / 1024")"
for c in cooc sections; do
    [ -s "$WORK/$c.times" ] && printf '%s -j2 wall ÷ wc -w wall: %.2f (target ≤ 1.0); -j1 ÷ -j2 wall: %.2f×; peak RSS %.0f MB\n' \
        "$c" "$(calc "$(med $c 1) / $wcw")" "$(calc "$(med ${c}j1 1) / $(med $c 1)")" "$(calc "$(med $c 4) / 1024")"
done
[ -s "$WORK/py.times" ] && printf 'Python baseline ÷ stats -j2 wall: %.1f×\n' "$(calc "$(med py 1) / $j2w")"

tail -n +2 "$WORK/j2.out" | head -20 | cut -f1,2 > "$WORK/tahlil20.tsv"
if [ -s "$WORK/py.times" ]; then
    # top-20 agreement under equivalent normalisation
    head -20 "$WORK/py.out" > "$WORK/py20.tsv"
    echo
    echo "top 20 (tahlil | baseline):"
    paste "$WORK/tahlil20.tsv" "$WORK/py20.tsv" | awk -F'\t' '{d=($1==$3)?(($2==$4)?"":"  count differs"):"  TERM DIFFERS"; printf "  %-16s %8s | %-16s %8s%s\n", $1, $2, $3, $4, d}'
    same=$(comm -12 <(cut -f1 "$WORK/tahlil20.tsv" | sort) <(cut -f1 "$WORK/py20.tsv" | sort) | wc -l)
    echo "same terms in both top 20: $same / 20"
fi

if [ -z "${SKIP_1GB:-}" ]; then
    # ~1 GB: the corpus repeated with new ids ("rK-" prefixed), one file per copy
    BIG=$WORK/big; mkdir -p "$BIG"
    size=$(du -cb "${FILES[@]}" | tail -1 | cut -f1)
    copies=$(( (1000000000 + size - 1) / size ))
    for k in $(seq "$copies"); do
        for f in "${FILES[@]}"; do
            sed "s/^{\"id\": \"/{\"id\": \"r$k-/" "$f" > "$BIG/r$k-$(basename "$f")"
        done
    done
    echo
    echo "1 GB check: $copies copies, $(du -sb "$BIG" | cut -f1) bytes"
    run big "$BIG_REPS" "$TAHLIL" stats "$BIG" -j 2 -q --format tsv
    run bigwc 1 wc -w "$BIG"/*.jsonl
    printf '| %-34s | %4s | %8.2f | %8.2f | %7.2f | %8.0f | %6.2f |\n' "tahlil stats -j2, 1 GB" \
        "$BIG_REPS" "$(med big 1)" "$(med big 2)" "$(med big 3)" "$(calc "$(med big 4) / 1024")" \
        "$(calc "$(med big 1) / $(med bigwc 1)")"
    printf '1 GB wall ÷ ANT wall: %.2f (%d copies: linear = the number of copies; target ≤ 10.5 for the 10 copies of ANT); peak RSS %.0f MB (target ≤ 300)\n' \
        "$(calc "$(med big 1) / $j2w")" "$copies" "$(calc "$(med big 4) / 1024")"
    # linearity of the counts: every count of the top 20 is exactly copies × the ANT count
    tail -n +2 "$WORK/big.out" | head -20 | cut -f1,2 > "$WORK/big20.tsv"
    if awk -F'\t' -v k="$copies" 'NR==FNR{c[$1]=$2; next} !($1 in c) || $2 != k*c[$1] {bad=1} END{exit bad}' \
        "$WORK/tahlil20.tsv" "$WORK/big20.tsv" 2> /dev/null; then
        echo "1 GB top-20 counts are exactly $copies × the ANT counts"
    else
        echo "1 GB top-20 counts are NOT $copies × the ANT counts" >&2
    fi
fi
echo
echo "load after: $(uptime | sed 's/.*load average/load average/')"
