# Sourced by the benchmark scripts after common.sh: a throwaway PostgreSQL from the installed binaries on a free
# loopback port, in $work, stopped (with the app, if $app_pid is set) and removed on exit. Sets $port; PG_OPTIONS adds
# server options.

pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg=(); [ "$(id -u)" = 0 ] && { chown postgres "$work"; as_pg=(runuser -u postgres --); }
port=$(free_port)
"${as_pg[@]}" "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust --no-sync >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-p $port -h 127.0.0.1 -k $work ${PG_OPTIONS:-}" start >/dev/null
app_pid=""
trap '[ -n "$app_pid" ] && kill $app_pid 2>/dev/null; "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1; rm -rf "$work"' EXIT
