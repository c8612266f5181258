#!/usr/bin/env bash
# Point-in-time recovery, performed end to end on a scratch PostgreSQL cluster: archive WAL, take a base backup,
# write rows, note the time, write more, drop the table, then recover a copy to the noted moment and show what is
# there. Run as a user PostgreSQL accepts (not root):  bash ops/pitr-walkthrough.sh [folder] [port]
# docs/operations.md shows its output; a test runs it.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/1[5-9]/bin 2>/dev/null | sort -V | tail -n 1)
base=${1:-/tmp/pitr}
port=${2:-5440}
rm -rf "$base" && mkdir -p "$base/archive"
echo '$ initdb and WAL archiving settings'
$bin/initdb -D $base/data -A trust -U postgres --locale=C.UTF-8 >/dev/null
cat >> $base/data/postgresql.conf <<CONF
wal_level = replica
archive_mode = on
archive_command = 'test ! -f $base/archive/%f && cp %p $base/archive/%f'
archive_timeout = 60
listen_addresses = ''
port = $port
unix_socket_directories = '$base'
CONF
tail -7 $base/data/postgresql.conf
$bin/pg_ctl -D $base/data -l $base/log -w start >/dev/null
psql() { /usr/bin/psql -h $base -p $port -U postgres -X "$@"; }
psql -qc "CREATE DATABASE mentori"
psql -d mentori -qc "CREATE TABLE messages (id serial PRIMARY KEY, content text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())"
echo
echo '$ pg_basebackup -D base -Ft -z -X fetch --checkpoint=fast   # the base backup'
$bin/pg_basebackup -h $base -p $port -U postgres -D $base/base -Ft -z -X fetch --checkpoint=fast
ls -1 $base/base
echo
echo '$ psql -c "INSERT ... (first rows)"'
psql -d mentori -c "INSERT INTO messages (content) VALUES ('before 1'), ('before 2'), ('before 3')"
sleep 1
target=$(psql -d mentori -Atc "SELECT now()")
echo "noted moment: $target"
sleep 1
psql -d mentori -c "INSERT INTO messages (content) VALUES ('after 1'), ('after 2')"
psql -d mentori -c "DROP TABLE messages"
psql -d mentori -c "SELECT pg_switch_wal()" >/dev/null
# A clean stop waits until the archiver has copied every finished WAL segment.
$bin/pg_ctl -D $base/data -m fast -w stop >/dev/null
echo "archived WAL segments: $(ls $base/archive | grep -vc history)"
echo
echo '$ restore: unpack the base backup into a new data folder, recover to the noted moment'
mkdir $base/restored && chmod 700 $base/restored
tar -xzf $base/base/base.tar.gz -C $base/restored
cat >> $base/restored/postgresql.conf <<CONF
restore_command = 'cp $base/archive/%f %p'
recovery_target_time = '$target'
recovery_target_action = 'promote'
archive_mode = off
CONF
touch $base/restored/recovery.signal
tail -4 $base/restored/postgresql.conf
$bin/pg_ctl -D $base/restored -l $base/restored.log -w start >/dev/null
for i in $(seq 1 50); do [ "$(psql -Atc "SELECT pg_is_in_recovery()")" = f ] && break; sleep 0.2; done
grep -E "starting point-in-time recovery|recovery stopping|archive recovery complete" $base/restored.log | sed 's/^[0-9-]* [0-9:.]* UTC \[[0-9]*\] //'
echo
echo '$ psql -d mentori -c "SELECT content, created_at FROM messages ORDER BY id"'
psql -d mentori -c "SELECT content, created_at FROM messages ORDER BY id"
$bin/pg_ctl -D $base/restored -m fast -w stop >/dev/null
