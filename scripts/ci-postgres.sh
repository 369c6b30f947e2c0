#!/bin/sh
# Starts (or stops) a throwaway cluster of the Debian PostgreSQL 15 on this machine, so the tests
# of the URL provider run against a second real server (the other DB tests then use it too).
#
#   eval "$(scripts/ci-postgres.sh start)"      # prints export lines; nothing when PG 15 is absent
#   scripts/ci-postgres.sh stop "$PROOFGATE_CI_PG_DIR"
#
# Runs as root (initdb/postgres then run as the `postgres` user) or as any user owning the binaries.
set -eu

BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
cmd=${1:-start}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
  if [ ! -x "$BIN/initdb" ] || [ ! -x "$BIN/pg_ctl" ]; then
    echo "# ci-postgres: no PostgreSQL 15 at $BIN; URL-provider tests will skip" >&2
    exit 0
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "# ci-postgres: running as root but there is no postgres user; URL-provider tests will skip" >&2
    exit 0
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/proofgate-ci-pg.XXXXXX")
  chmod 711 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  pw=$(node -e "console.log(require('crypto').randomBytes(18).toString('base64url'))")
  printf '%s\n' "$pw" > "$dir/pw"
  [ "$(id -u)" = 0 ] && chown postgres "$dir/pw"
  as_pg "$BIN/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pw" --auth=scram-sha-256 \
    --no-sync -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
  rm -f "$dir/pw"
  as_pg "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$dir/server.log" >&2; rm -rf "$dir"; exit 1; }
  echo "export PROOFGATE_TEST_DATABASE_URL=postgres://postgres:$pw@127.0.0.1:$port/postgres"
  echo "export PROOFGATE_CI_PG_DIR=$dir"
  ;;
stop)
  dir=${2:?usage: ci-postgres.sh stop DIR}
  case "$dir" in */proofgate-ci-pg.*) ;; *) echo "ci-postgres: refusing to remove $dir" >&2; exit 2 ;; esac
  [ -d "$dir/data" ] && as_pg "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*)
  echo "usage: ci-postgres.sh start | stop DIR" >&2
  exit 2
  ;;
esac
