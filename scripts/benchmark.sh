#!/usr/bin/env bash
# Prints kv-rotator's performance tables (package, sweep, rotation, burst, start-up) measured against the sandbox
# stand-ins; start-up and burst run a fresh worker JVM on the staged package.
# Usage: scripts/benchmark.sh [--only package,sweep,rotation,burst,startup]      About 10 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/sandbox
# package: the package table measures the staged Functions app and its zip; start-up and burst run it
mvn -q -B -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/sandbox/classpath.txt -Dmdep.includeScope=test
exec java -Dkvrotator.sandbox.dir=target/sandbox \
  -cp "target/classes:target/test-classes:$(cat target/sandbox/classpath.txt)" \
  io.kvrotator.benchmark.Benchmark "$@"
