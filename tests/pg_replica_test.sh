#!/usr/bin/env bash
# Streaming replication is PostgreSQL's own (docs/postgresql.md): start a replica
# of the test cluster with pg_basebackup, write the demo bank on the primary, wait
# until the replica has replayed it, and show that reports read from the replica
# (inventory as JSON, now and as of a date; verify) equal the primary's.
#
# Needs LEUBANK_TEST_PG (set by scripts/run-tests); exits 77 (skipped) without it.
set -euo pipefail
leubank=${LEUBANK_BIN:?LEUBANK_BIN names the leubank binary}
if [ -z "${LEUBANK_TEST_PG:-}" ]; then
  echo "SKIPPED: PostgreSQL not available (LEUBANK_TEST_PG is not set; make test starts a cluster)"
  exit 77
fi

# postgresql://leubank:PASSWORD@127.0.0.1:PORT/postgres
rest=${LEUBANK_TEST_PG#postgresql://}
userinfo=${rest%%@*}
user=${userinfo%%:*}
export PGPASSWORD=${userinfo#*:}
hostport=${rest#*@}
hostport=${hostport%%/*}
host=${hostport%%:*}
port=${hostport##*:}
bin=/usr/lib/postgresql/15/bin
# shellcheck source=../scripts/lib/pg-start-free-port.sh
. "$(dirname "$0")/../scripts/lib/pg-start-free-port.sh"

work=$(mktemp -d /tmp/leubank-replica-XXXXXX)
chmod 755 "$work"
replica_port=""
cleanup() {
  if [ -d "$work/replica" ]; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$work/replica" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  psql "$LEUBANK_TEST_PG" -qc "DROP DATABASE IF EXISTS leubank_replica_test WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- env PGPASSWORD="$PGPASSWORD" "$@"; else "$@"; fi; }

psql "$LEUBANK_TEST_PG" -qc "DROP DATABASE IF EXISTS leubank_replica_test WITH (FORCE)" -c "CREATE DATABASE leubank_replica_test"
primary="postgresql://$userinfo@$host:$port/leubank_replica_test"

[ "$(id -u)" -eq 0 ] && chown postgres: "$work"
as_postgres "$bin/pg_basebackup" -h "$host" -p "$port" -U "$user" -D "$work/replica" -R -X stream -c fast
pg_start_on_free_port "$work/replica" "$work/replica.log" "$work" "-c hot_standby=on -c max_connections=200" \
  || exit 1
replica_port=$PG_STARTED_PORT
replica="postgresql://$userinfo@$host:$replica_port/leubank_replica_test"
[ "$(psql "$replica" -tAc 'SELECT pg_is_in_recovery()')" = t ] || { echo "FAIL: the replica is not in recovery"; exit 1; }

"$leubank" --db "$primary" demo >/dev/null
"$leubank" --db "$primary" --as olga move --cylinder DEMO-OR-01 --to R11-01 --date 2021-04-01 >/dev/null

# Caught up: the replica has replayed everything the primary has written.
target=$(psql "$primary" -tAc "SELECT pg_current_wal_lsn()")
for _ in $(seq 1 1200); do
  caught=$(psql "$replica" -tAc "SELECT pg_last_wal_replay_lsn() >= '$target'::pg_lsn")
  [ "$caught" = t ] && break
  sleep 0.1
done
[ "$caught" = t ] || { echo "FAIL: the replica did not catch up within 120 s"; exit 1; }

fails=0
for args in "inventory --format json" "inventory --as-of 2019-12-31 --format json" "inventory --format csv --all" \
            "journal --format json" "verify"; do
  if ! diff <("$leubank" --db "$primary" $args) <("$leubank" --db "$replica" $args) >"$work/diff"; then
    echo "FAIL: '$args' differs between primary and replica:"; head -20 "$work/diff"; fails=$((fails + 1))
  else
    echo "ok: '$args' read from the replica equals the primary's"
  fi
done

# The replica is read-only: a write there is refused and changes nothing.
if "$leubank" --db "$replica" --as olga move --cylinder DEMO-OR-02 --to R11-02 >/dev/null 2>&1; then
  echo "FAIL: a write on the replica succeeded"; fails=$((fails + 1))
else
  echo "ok: a write on the replica is refused"
fi
[ "$fails" -eq 0 ] && echo "1 passed, 0 failed" || { echo "0 passed, 1 failed"; exit 1; }
