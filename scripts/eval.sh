#!/bin/sh
# Runs every development set in ../shared/eval through `nerc --local --jsonl`
# and prints score.py's table for each.
set -eu
BUILD=${1:-build}
EVAL=${EVAL_DIR:-../shared/eval}
NERC=$BUILD/clients/nerc
PLUGINS=$BUILD/lib/nerd/plugins
OUT=${EVAL_OUT:-$BUILD/eval}

if [ ! -d "$EVAL" ]; then
	echo "eval: $EVAL not found (the development sets live beside the repo)" >&2
	exit 1
fi
mkdir -p "$OUT"

score() { # name gold [score.py options]
	name=$1
	gold=$2
	shift 2
	echo "== $name ($gold)"
	# nerc reports documents it could not process and carries on; the
	# score then counts them as documents without predictions.
	"$NERC" --local --plugins "$PLUGINS" --jsonl "$gold" \
		>"$OUT/$name.jsonl" 2>"$OUT/$name.log" ||
		echo "(nerc reported problems: see $OUT/$name.log)"
	python3 "$EVAL/score.py" "$gold" "$OUT/$name.jsonl" "$@"
	echo
}

score seed "$EVAL/seed/gold.jsonl"
score diplo "$EVAL/diplo/dev.jsonl"
score tempeval3 "$EVAL/tempeval3/dev.jsonl"
score conll2003 "$EVAL/conll2003/dev.jsonl" --types person,organization,location
score ieer "$EVAL/ieer/dev.jsonl"
