#!/usr/bin/env bash
# Runs the JMH benchmarks (not part of the tests) and prints their numbers, including bytes
# allocated per operation (-prof gc).
# Usage: scripts/bench.sh [REGEX] [extra JMH options]   e.g. scripts/bench.sh Fragmenter -f 1
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh demo
./mvnw -B -ntp -q test-compile -pl appliance -am
./mvnw -B -ntp -q dependency:build-classpath -pl appliance -Dmdep.outputFile=target/bench-classpath.txt
pattern="${1:-.}"
shift || true
exec java -cp "appliance/target/test-classes:appliance/target/classes:$(cat appliance/target/bench-classpath.txt)" \
  org.openjdk.jmh.Main "$pattern" -prof gc "$@"
