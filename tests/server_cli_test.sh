#!/bin/sh
# tests/server_cli_test.sh NERD PLUGIN_DIR NERD_PROTO
#
# An external client made only of stock tools: protoc --encode/--decode
# builds and reads the envelopes from proto/nerd.proto, nngcat --req
# carries them.  Calls Health/Check and Recognizer/Recognize on a running
# server and checks the decoded replies.
#
# "View" messages declare the envelope's bytes payload as the method's
# message type (same wire format), so one protoc call encodes or decodes
# a whole call.
set -eu

nerd=$1
plugins=$2
proto=$3

dir=$(mktemp -d /tmp/nerd-cli-test-XXXXXX)
pid=
cleanup() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$dir"
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*" >&2
	echo "--- server log" >&2
	cat "$dir/log" >&2 || true
	exit 1
}

url="ipc://$dir/nerd.sock"
"$nerd" --listen "$url" --plugins "$plugins" --log-level debug 2>"$dir/log" &
pid=$!

cp "$proto" "$dir/nerd.proto"
cat > "$dir/views.proto" <<'PROTO'
syntax = "proto3";
package nerdcli;
import "nerd.proto";

message HealthCall {
  string method = 1;
  uint32 timeout_ms = 2;
  repeated nerd.v1.Metadata metadata = 3;
  nerd.v1.HealthCheckRequest payload = 4;
}
message HealthReply {
  nerd.v1.Status status = 1;
  nerd.v1.HealthCheckResponse payload = 2;
  repeated nerd.v1.Metadata metadata = 3;
}
message RecognizeCall {
  string method = 1;
  uint32 timeout_ms = 2;
  repeated nerd.v1.Metadata metadata = 3;
  nerd.v1.RecognizeRequest payload = 4;
}
message RecognizeReply {
  nerd.v1.Status status = 1;
  nerd.v1.RecognizeResponse payload = 2;
  repeated nerd.v1.Metadata metadata = 3;
}
PROTO

cd "$dir"

# call VIEW TEXT: encodes TEXT as nerdcli.<VIEW>Call, sends it, writes the
# raw reply to reply.bin.
call() {
	printf '%s\n' "$2" | protoc -I. --encode="nerdcli.$1Call" views.proto \
		> request.bin || fail "protoc --encode $1"
	nngcat --req --dial "$url" --file request.bin --raw \
		--recv-timeout 10 > reply.bin
}

# The server may still be binding: retry the first call until it answers.
tries=0
until call Health 'method: "/nerd.v1.Health/Check"' 2>/dev/null &&
	[ -s reply.bin ]; do
	tries=$((tries + 1))
	[ "$tries" -lt 100 ] || fail "no answer from $url"
	kill -0 "$pid" 2>/dev/null || fail "server exited"
	sleep 0.1
done

# Health/Check: the plain RpcReply from nerd.proto has an empty status
# (OK); the view decodes the payload.
protoc -I. --decode=nerd.v1.RpcReply nerd.proto < reply.bin > plain.txt ||
	fail "reply is not a nerd.v1.RpcReply"
grep -q 'code:' plain.txt && fail "health status not OK: $(cat plain.txt)"
protoc -I. --decode=nerdcli.HealthReply views.proto < reply.bin > health.txt
grep -q 'status: SERVING' health.txt || fail "not serving: $(cat health.txt)"

# Recognizer/Recognize with metadata echoed back.
call Recognize '
method: "/nerd.v1.Recognizer/Recognize"
timeout_ms: 5000
metadata { key: "x-request-id" value: "cli-7" }
payload {
  document { id: "cli" text: "yesterday Olga wrote to Ivan" }
}'
protoc -I. --decode=nerdcli.RecognizeReply views.proto < reply.bin \
	> recognize.txt || fail "reply does not decode"
grep -q 'code:' recognize.txt && fail "not OK: $(cat recognize.txt)"
grep -q 'document_id: "cli"' recognize.txt || fail "no document id"
grep -q 'text: "Olga"' recognize.txt || fail "no Olga: $(cat recognize.txt)"
grep -q 'text: "Ivan"' recognize.txt || fail "no Ivan"
grep -q 'start: 10' recognize.txt || fail "wrong offsets"
grep -q 'value: "cli-7"' recognize.txt || fail "x-request-id not echoed"

# An unknown method gets UNIMPLEMENTED (12) in the plain envelope.
call Health 'method: "/nerd.v1.Health/Watch"'
protoc -I. --decode=nerd.v1.RpcReply nerd.proto < reply.bin > plain.txt
grep -q 'code: 12' plain.txt || fail "want UNIMPLEMENTED: $(cat plain.txt)"

# SIGTERM: drains and exits 0.
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
[ "$status" -eq 0 ] || fail "exit status $status"
echo "server_cli: ok"
