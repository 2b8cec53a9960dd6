#!/bin/sh
# Nightly backup of Nâng Tầm (run by nang-tam-backup.timer, or by hand before an upgrade:
# `systemctl start nang-tam-backup.service`). Reads the server's settings (/etc/nang-tam/nang-tam.env,
# passed in by the service):
#   DATABASE_URL set: pg_dump -Fc, while the server runs       → nangtam-<date>.dump
#   otherwise (PGlite in DATA_DIR): stops the server, archives the folder, starts it again
#                                                               → nangtam-<date>.data.tar.gz
# Keeps NANGTAM_BACKUP_KEEP_DAYS days (default 14) in NANGTAM_BACKUP_DIR (default /var/backups/nang-tam).
# Restore: docs/OPERATIONS.md, "Backups".
set -eu
umask 077
dir="${NANGTAM_BACKUP_DIR:-/var/backups/nang-tam}"
keep="${NANGTAM_BACKUP_KEEP_DAYS:-14}"
stamp="$(date +%Y-%m-%d-%H%M)"
mkdir -p "$dir"
out=""
trap 'if [ -n "$out" ]; then rm -f "$out.partial"; fi' EXIT

if [ -n "${DATABASE_URL:-}" ]; then
  out="$dir/nangtam-$stamp.dump"
  pg_dump --format=custom --file="$out.partial" "$DATABASE_URL"
else
  data="${DATA_DIR:-/var/lib/nang-tam}"
  out="$dir/nangtam-$stamp.data.tar.gz"
  # the embedded database is one process's files: copied only while the server is stopped
  was_active=no
  if systemctl is-active --quiet nang-tam.service; then was_active=yes; systemctl stop nang-tam.service; fi
  status=0
  tar -C "$(dirname "$data")" -czf "$out.partial" "$(basename "$data")" || status=$?
  if [ "$was_active" = yes ]; then systemctl start nang-tam.service; fi
  [ "$status" -eq 0 ] || exit "$status"
fi
mv "$out.partial" "$out"
find "$dir" -maxdepth 1 -name 'nangtam-*' -type f -mtime +"$keep" -delete
echo "backup written: $out ($(du -h "$out" | cut -f1))"
