#!/usr/bin/env bash
# Runs kv-rotator locally against the sandbox stand-ins, at the Core Tools URLs (default port 7071).
# Usage: scripts/run-local.sh [--seed FILE] [--port N]      Ctrl-C (or SIGTERM) stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/sandbox
mvn -q -B -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/sandbox/classpath.txt -Dmdep.includeScope=test
exec java -Dkvrotator.sandbox.dir=target/sandbox \
  -cp "target/classes:target/test-classes:$(cat target/sandbox/classpath.txt)" \
  io.kvrotator.localhost.LocalRun "$@"
