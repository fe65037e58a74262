#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the tests (and for a developer trying `--db postgres://`):
# Debian's postgresql server binaries, a new cluster in a temporary folder, listening only on
# 127.0.0.1 on a free port, trust authentication (nobody else can reach the loopback port's socket
# folder). Prints one line: the connection URL. Stop it with: scripts/pg-test-cluster.sh stop DIR
# (the folder is the URL's ?dir= part, kept out of the URL the tests use).
#   usage: scripts/pg-test-cluster.sh start   → prints  postgres://jixiao@127.0.0.1:PORT/jixiao DIR
#          scripts/pg-test-cluster.sh stop DIR
# initdb refuses to run as root, so as root the cluster runs as the unprivileged `postgres` user.
set -euo pipefail

bindir=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bindir="$d"; done
if [ -z "$bindir" ]; then echo "pg-test-cluster: no PostgreSQL server (apt-get install postgresql)" >&2; exit 1; fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    dir="$(mktemp -d /tmp/jixiao-pg.XXXXXX)"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
    as_owner "$bindir/initdb" -D "$dir/data" -U jixiao --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # small and fast: a test cluster need not survive a power cut
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U jixiao jixiao
    echo "postgres://jixiao@127.0.0.1:$port/jixiao $dir"
    ;;
  stop)
    dir="${2:?stop needs the cluster folder}"
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
