#!/bin/sh
# Starts nerd on its built-in defaults, sends the sample article and prints
# the entities as a table, then stops the server.
set -eu
BUILD=${1:-build}
NERD=$BUILD/server/nerd
NERC=$BUILD/clients/nerc
ARTICLE=examples/article.txt
LOG=$BUILD/demo-server.log

echo "== starting nerd on its built-in defaults (log: $LOG)"
"$NERD" 2>"$LOG" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true' EXIT INT TERM

# Wait until the server answers a health check (10 s at most).
i=0
until "$NERC" health >/dev/null 2>&1; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 $pid 2>/dev/null; then
		echo "demo: the server did not come up; its log:" >&2
		cat "$LOG" >&2
		exit 1
	fi
	sleep 0.1
done

echo "== nerc list"
"$NERC" list
echo
echo "== nerc recognize $ARTICLE"
"$NERC" recognize "$ARTICLE"

kill -TERM $pid
wait $pid
trap - EXIT INT TERM
echo
echo "demo: server stopped cleanly"
