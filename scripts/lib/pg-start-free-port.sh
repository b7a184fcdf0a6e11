# Sourced by scripts/pg-test-cluster and tests/pg_replica_test.sh.
#
#   pg_start_on_free_port DATA_DIR LOG SOCKET_DIR [EXTRA_POSTGRES_OPTIONS]
#
# Starts the cluster in DATA_DIR with pg_ctl on a free loopback port and sets
# PG_STARTED_PORT. Needs as_postgres (runs a command as the server's user).
#
# The candidate ports (25432-25999) lie below Linux's ephemeral range
# (/proc/sys/net/ipv4/ip_local_port_range, 32768-60999 by default), so no
# outgoing client connection of a concurrent test can hold one. A port can still
# be taken between the probe and the bind by another listener; then the start is
# retried on the next port. Any other start failure prints the server log and
# returns 1.
pg_start_on_free_port() {
  local data=$1 log=$2 sockets=$3 extra=${4:-}
  local p said
  PG_STARTED_PORT=""
  for p in $(seq 25432 25999); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then continue; fi
    : >"$log"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$log"
    if said=$(as_postgres /usr/lib/postgresql/15/bin/pg_ctl -D "$data" -l "$log" -w -t 60 \
      -o "-p $p -c listen_addresses=127.0.0.1 -k $sockets $extra" start 2>&1); then
      PG_STARTED_PORT=$p
      return 0
    fi
    if ! grep -q "Address already in use" "$log"; then
      printf '%s\n' "$said" >&2
      cat "$log" >&2
      return 1
    fi
  done
  echo "no free loopback port in 25432-25999 for PostgreSQL" >&2
  return 1
}
