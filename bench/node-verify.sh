#!/usr/bin/env bash
# Issue 15, "Published figures": the same -11 signed requests verified by this project's core
# (AAuthRequestVerifier) and by @hellocoop/httpsig 2.x on Node, in one run, one thread each,
# verifications per CPU-second side by side (dev.aauth.bench.NodeComparisonBench).
#   bench/node-verify.sh
#   bench/node-verify.sh -Dnodebench.rounds=5 -Dnodebench.requests=4000
# Options (Java system properties): nodebench.requests (2000 per round), nodebench.rounds (3),
# nodebench.warmup-passes (5), nodebench.passes (5). Results in target/nodebench/results.md.
# Not part of CI. Needs Node and npm (installs src/test/node's pinned packages when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d src/test/node/node_modules/@hellocoop/httpsig ]; then
  npm ci --prefix src/test/node --no-audit --no-fund
fi
mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/nodebench/classpath.txt
exec java "$@" -cp "target/test-classes:target/classes:$(cat target/nodebench/classpath.txt)" \
  dev.aauth.bench.NodeComparisonBench
