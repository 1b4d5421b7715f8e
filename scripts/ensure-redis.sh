#!/usr/bin/env bash
# Installs Debian's redis-server when it is missing: the tests start a real redis-server on a free loopback port
# to verify Redis keys (io.kvrotator.sandbox.RedisServer runs this script when it cannot find the binary).
# Needs root, or sudo without a password; prints where redis-server is.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  command -v redis-server
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "redis-server is missing and installing it needs root: run 'apt-get install -y redis-server' as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# The package's own service is not wanted (the tests start their own server): policy-rc.d may refuse to start it.
if ! "${as_root[@]}" apt-get install -y --no-install-recommends redis-server >&2; then
  "${as_root[@]}" apt-get update >&2
  "${as_root[@]}" apt-get install -y --no-install-recommends redis-server >&2
fi
command -v redis-server
