#!/usr/bin/env bash
# output_matrix.sh BIN OUTDIR [quick]: runs every command in every format on the sample, a
# mini ANT (MINI: the first 30 lines of each ANT file), the callgrind slice (SLICE: the first
# 800) and full ANT; saves stdout, stderr and exit code of each run, to compare two builds
# with cmp (issue 13's byte-identity check; see BENCHMARKS.md).
set -u
BIN=$(readlink -f "$1"); OUT=$2; QUICK=${3:-}
mkdir -p "$OUT"; OUT=$(readlink -f "$OUT")
cd "$(dirname "$0")/.."
S=data/corpus
M=${MINI:?set MINI to a folder of ANT extracts}
SL=${SLICE:-$M}
ANT=../shared/corpora/ant-multisource
run() { # name args...
  local name=$1; shift
  "$BIN" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"; echo $? > "$OUT/$name.rc"
}
runo() { # name ext args... (with -o FILE)
  local name=$1 ext=$2; shift 2
  local f="$OUT/$name.file.$ext"
  "$BIN" "$@" -o "$f" > "$OUT/$name.out" 2> "$OUT/$name.err"; echo $? > "$OUT/$name.rc"
}
for corpus in S M; do
  c=${!corpus}
  for fmt in table json jsonl csv tsv; do
    run stats.$corpus.$fmt stats $c -q --format $fmt
    run stats.$corpus.by.$fmt stats $c -q --format $fmt --by source
    run statsfile.$corpus.by.$fmt stats $c -q --format $fmt --by file
    run mentions.$corpus.$fmt mentions $c -q --format $fmt
    run lexlist.$fmt lexicon list --format $fmt
  done
  for fmt in table json jsonl csv tsv graphml gexf dot; do
    run cooc.$corpus.$fmt cooc $c -q --format $fmt
    run cooc.$corpus.by.$fmt cooc $c -q --format $fmt --by source
  done
  for fmt in table json jsonl markdown csv tsv; do
    run sections.$corpus.$fmt sections $c -q --format $fmt
    run sections.$corpus.by.$fmt sections $c -q --format $fmt --by source
  done
  for fmt in html markdown; do
    run report.$corpus.$fmt report $c -q --format $fmt
    run report.$corpus.by.$fmt report $c -q --format $fmt --by source
  done
  runo report.$corpus.mdfile md report $c -q
  runo stats.$corpus.ofile txt stats $c -q
  runo cooc.$corpus.ofile txt cooc $c -q
  runo sections.$corpus.ofile txt sections $c -q
  runo mentions.$corpus.ofile txt mentions $c -q
  run stats.$corpus.ng2 stats $c -q --format json --ngram 2 --top 0
  run stats.$corpus.ng3 stats $c -q --format json --ngram 3 --sort tfidf
  run stats.$corpus.seg stats $c -q --format json --segment proclitics --stem light
  run stats.$corpus.snow stats $c -q --format json --stem snowball --no-numbers --stopwords none
  run stats.$corpus.vis stats $c -q --format json --visual-lines keep --headings none --normalize search
  for u in paragraph section document window:5; do
    run cooc.$corpus.unit$u cooc $c -q --format json --unit $u
  done
  run cooc.$corpus.opts cooc $c -q --format json --capitals --count-ambiguous --nodes country,theme --sort npmi --top 10 --evidence 1 --min-count 1
  run sections.$corpus.ratio sections $c -q --format json --summary-ratio 0.4 --top-terms 8 --headings markdown
  run mentions.$corpus.kind mentions $c -q --format json --kind country --capitals
  run report.$corpus.opts report $c -q --format html --measure npmi --max-edges 10 --max-nodes 8 --unit paragraph --max-docs 3
done
run lexcheck lexicon check data/lexicons/themes.tsv
run usage.mentions.by mentions $S --by source
run usage.badformat stats $S --format graphml
run usage.nodes cooc $S --nodes bogus
run strict stats $S -q --strict --by nosuchfield --format json
[ -n "$QUICK" ] && exit 0
for fmt in json jsonl csv tsv table; do
  run stats.SL.$fmt stats $SL -q --format $fmt -j2
done
run stats.SL.by stats $SL -q --format json --by source --top 0
for fmt in json jsonl csv graphml; do
  run cooc.SL.$fmt cooc $SL -q --format $fmt
done
run cooc.SL.by.json cooc $SL -q --format json --by source
run cooc.SL.by.jsonl cooc $SL -q --format jsonl --by source
for fmt in json jsonl markdown csv; do
  run sections.SL.$fmt sections $SL -q --format $fmt
done
run sections.SL.by sections $SL -q --format tsv --by source
run mentions.SL.jsonl mentions $SL -q --format jsonl
run mentions.SL.json mentions $SL -q --format json
run report.SL.html report $SL -q
run report.SL.md report $SL -q --format markdown --by source
# full ANT: json/jsonl of each analysis, -j1 and -j2 where it matters
run stats.ANT.json stats $ANT -q --format json --top 0
run stats.ANT.by stats $ANT -q --format json --by source
run stats.ANT.j1 stats $ANT -q --format tsv -j1
run cooc.ANT.json cooc $ANT -q --format json
run cooc.ANT.j1 cooc $ANT -q --format json -j1
run cooc.ANT.win cooc $ANT -q --format json --unit window:5
run cooc.ANT.by cooc $ANT -q --format json --by source
run sections.ANT.jsonl sections $ANT -q --format jsonl
run mentions.ANT.jsonl mentions $ANT -q --format jsonl
run report.ANT.html report $ANT -q
run report.ANT.md report $ANT -q --format markdown -j1
