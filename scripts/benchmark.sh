#!/usr/bin/env bash
# Prints kv-rotator's performance tables (sweep, rotation, burst, start-up) measured against the sandbox stand-ins.
# Usage: scripts/benchmark.sh [--only sweep,rotation,burst,startup]      About 3 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/sandbox
# package: the start-up table measures the staged Functions app and a zip of it
mvn -q -B -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/sandbox/classpath.txt -Dmdep.includeScope=test
exec java -Dkvrotator.sandbox.dir=target/sandbox \
  -cp "target/classes:target/test-classes:$(cat target/sandbox/classpath.txt)" \
  io.kvrotator.benchmark.Benchmark "$@"
