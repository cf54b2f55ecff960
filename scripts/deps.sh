#!/bin/sh
# Installs the Debian 12 packages nerd needs to build, test and run.
# Installs only what is missing; needs root (or sudo) when something is.
set -eu

PACKAGES="build-essential cmake ninja-build pkg-config python3 \
libnng-dev nng-utils libprotobuf-c-dev protobuf-c-compiler protobuf-compiler \
libcriterion-dev libjansson-dev libutf8proc-dev libxxhash-dev re2c clang libclang-rt-14-dev \
openssl procps"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "deps: installing:$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
