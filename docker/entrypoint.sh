#!/bin/sh
# Runs one Greenlight app from the built image: platform (default), course, progress, certificate, certificate-worker.
set -eu
app="${1:-platform}"
case "$app" in
  platform|course|progress|certificate|certificate-worker) ;;
  *) echo "Unknown app \"$app\": choose platform, course, progress, certificate or certificate-worker" >&2; exit 2 ;;
esac
exec node "/app/dist/apps/$app/src/main.js"
