#!/usr/bin/env bash
# Fuzzes one Jazzer @FuzzTest class of the appliance module for a while.
#
#   scripts/fuzz.sh AnnexBFuzzTest 300          # five minutes
#   scripts/fuzz.sh SpsFuzzTest                 # default: 60 seconds
#
# A plain `mvn test` only replays the corpus under
# appliance/src/test/resources/<package>/<Class>Inputs/<method>/ (regression mode). Here
# JAZZER_FUZZ=1 switches Jazzer to fuzzing, and JAZZER_MAX_DURATION (the environment form of the
# jazzer.max_duration option, which overrides @FuzzTest(maxDuration)) bounds the run. New coverage
# is kept in appliance/.cifuzz-corpus/ (do not commit it); a crashing input is written to the test's Inputs
# directory, so it becomes a regression case: look at it, fix the bug, commit both.
# jazzer.hooks=true keeps the coverage instrumentation on even when the build turns it off to make
# corpus replay fast.
set -euo pipefail

usage() {
  echo "usage: $0 <FuzzTestClass>[#method] [seconds]" >&2
  exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
test_class=$1
seconds=${2:-60}
[[ $test_class =~ ^[A-Za-z0-9_.]+FuzzTest(#[A-Za-z0-9_]+)?$ ]] || usage
[[ $seconds =~ ^[0-9]+$ && $seconds -gt 0 ]] || usage

cd "$(dirname "$0")/.."

echo "fuzzing $test_class for ${seconds}s" >&2
JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${seconds}s" \
  ./mvnw -B -ntp -pl appliance -am test \
  -Dtest="$test_class" \
  -Dsurefire.failIfNoSpecifiedTests=false \
  -Djazzer.max_duration="${seconds}s" \
  -Djazzer.hooks=true
