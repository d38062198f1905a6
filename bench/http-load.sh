#!/usr/bin/env bash
# HTTP load benchmark of issue 3 ("Speed"): GET /api/inventory with a valid auth token against the
# same endpoint unprotected, side by side on one Liberty server, with wrk over loopback.
#   bench/http-load.sh                      # 2 rounds of 15 s each, wrk -t2 -c16, after a 15 s warm-up
#   bench/http-load.sh -Dhttpbench.args="-Dhttpbench.rounds=3 -Dhttpbench.connections=32"
#   bench/http-load.sh --exchange           # issue 4: direct-grant exchanges/s at the PS on PostgreSQL
#                                           # vs the crypto ceiling (dev.aauth.bench.ExchangeBench), on a
#                                           # database of its own (aauth_bench), created empty for each run
#   bench/http-load.sh --exchange11         # issue 13: server CPU of a -11 direct grant (person token +
#                                           # auth token) vs two -01 exchanges, in one run (ExchangeBench
#                                           # with -Dhttpbench.draft11=true), on aauth_bench like --exchange
#   bench/http-load.sh --long-polls -Dhttpbench.max-wait=150 -Dhttpbench.args="-Dhttpbench.wait=150"
#                                           # issue 15: 5,000 held long polls on PostgreSQL: database
#                                           # transactions/s vs 100 held, heap per held poll, wake-up
#                                           # latency after a decision (dev.aauth.bench.LongPollBench)
#   bench/http-load.sh --agent-call         # issue 15: latency of a cached agent call through the
#                                           # MicroProfile REST Client + signing filter vs the same
#                                           # request signed by the core signer on a plain HttpClient,
#                                           # in the bench-only WAR variant (dev.aauth.bench.AgentCallBench)
#   bench/http-load.sh --gateway            # issue 14: server CPU per allowed request, gateway check
#                                           # endpoint (asked as nginx asks it) vs the in-process filter
# Extra arguments go to Maven. Installs wrk (Debian package) if missing. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
profiles=-Phttpbench
needs_wrk=1
if [ "${1:-}" = "--long-polls" ]; then
  shift
  needs_wrk=0
  set -- --exchange -Dhttpbench.main=dev.aauth.bench.LongPollBench "$@"
fi
if [ "${1:-}" = "--agent-call" ]; then
  shift
  needs_wrk=0
  set -- -Dhttpbench.app.suffix=-agentcall-bench -Dhttpbench.main=dev.aauth.bench.AgentCallBench "$@"
fi
if [ "${1:-}" = "--exchange11" ]; then
  shift
  set -- --exchange -Dhttpbench.draft11=true "$@"
fi
if [ "${1:-}" = "--exchange" ]; then
  shift
  profiles=-Phttpbench,postgres
  # Every exchange writes two rows (issued_tokens, decisions) with seven index entries; a database that
  # earlier runs have filled with millions of them costs PostgreSQL measurably more per exchange (seen:
  # 140 us with an empty database, 220 us after 1.6 million rows). So unless -Dpg.url is given, the
  # benchmark runs on its own database, aauth_bench, dropped and created empty before every run.
  case " $* " in
    *" -Dpg.url="*) ;;
    *)
      psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS aauth_bench" \
        -c "CREATE DATABASE aauth_bench"
      set -- -Dpg.url=jdbc:postgresql://127.0.0.1:5432/aauth_bench "$@"
      ;;
  esac
  case " $* " in
    *" -Dhttpbench.main="*) ;;
    *) set -- -Dhttpbench.main=dev.aauth.bench.ExchangeBench "$@" ;;
  esac
fi
if [ "${1:-}" = "--gateway" ]; then
  shift
  set -- -Dhttpbench.scenario=gateway "$@"
fi

if [ "$needs_wrk" = 1 ] && ! command -v wrk >/dev/null 2>&1; then
  echo "http-load: installing wrk"
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
  else
    sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk
  fi
fi

# verify: package (also the unprotected twin WAR), start server aauth-bench, run the driver, stop it.
# If the driver fails (an error, or a ratio below httpbench.min-ratio: exit status 2), Maven stops
# before post-integration-test: stop the server here.
rm -f target/httpbench/results.md
status=0
mvn -B "$profiles" verify "$@" || status=$?
if [ "$status" -ne 0 ]; then
  mvn -B -q "$profiles" liberty:stop@bench-server-stop "$@" || true
fi
if [ -f target/httpbench/results.md ]; then
  echo "http-load: results in target/httpbench/results.md"
fi
exit "$status"
