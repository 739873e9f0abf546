#!/usr/bin/env bash
# ant_matrix.sh BIN OUT: the ANT outputs compared for issue 13 (stdout, stderr, exit code)
BIN=$(readlink -f "$1"); OUT=$2; mkdir -p "$OUT"; OUT=$(readlink -f "$OUT")
cd "$(dirname "$0")/.."; ANT=../shared/corpora/ant-multisource
run() { local name=$1; shift; "$BIN" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"; echo $? > "$OUT/$name.rc"; }
run stats.tsv stats $ANT -q --format tsv --top 0 -j2
run stats.by.csv stats $ANT -q --format csv --by source -j2
run stats.by.jsonl stats $ANT -q --format jsonl --by source -j2
run cooc.tsv cooc $ANT -q --format tsv -j2
run cooc.by.csv cooc $ANT -q --format csv --by source -j2
run cooc.graphml cooc $ANT -q --format graphml -j2
run sections.jsonl sections $ANT -q --format jsonl -j2
run sections.md sections $ANT -q --format markdown -j2
run mentions.tsv mentions $ANT -q --format tsv -j2
run report.html report $ANT -q -j2
run report.md report $ANT -q --format markdown -j2
echo done > "$OUT/done"
