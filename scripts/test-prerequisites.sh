#!/usr/bin/env bash
# What `npm test` needs besides Node, PostgreSQL and Redis: Debian's Chromium (the browser tests) and nginx
# (the split-deployment test runs its own). Installed from apt when missing and this user may; otherwise a
# message says what to install. Debian's package starts an nginx of its own: that one is stopped again, by
# its pid file, and no other nginx process is touched.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "npm test needs ${missing[*]} (Debian packages; e.g. sudo apt-get install ${missing[*]})." >&2
  exit 1
fi
echo "== installing ${missing[*]} from Debian (needed by the browser and split-deployment tests)"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
if [ -s /run/nginx.pid ]; then nginx -s stop || true; fi
