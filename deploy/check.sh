#!/bin/sh
# Checks the operations files of deploy/ with the tools that will run them, on this machine, without
# installing anything into /etc: nginx -t on the site (with a throw-away certificate; with brotli when
# nginx has the module), systemd-analyze verify on the units, sh -n and shellcheck on the backup
# script, logrotate -d on the rotation rule, docker-compose config on the compose file. Needs nginx and
# openssl; uses systemd-analyze, shellcheck, logrotate and docker-compose when present.
# Run: sh deploy/check.sh
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail=0

echo "▶ nginx -t: deploy/nginx/nang-tam.conf"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=daotao.example.gov.vn \
  -keyout "$tmp/privkey.pem" -out "$tmp/fullchain.pem" 2>/dev/null
mkdir -p "$tmp/snippets" "$tmp/logs"
modules=""
if [ -e /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so ]; then
  modules="load_module /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so; load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;"
  cp "$here/nginx/nang-tam-brotli.conf" "$tmp/snippets/"
  echo "  (with deploy/nginx/nang-tam-brotli.conf)"
fi
sed -e "s|/etc/ssl/nang-tam/|$tmp/|g" -e "s|/etc/nginx/snippets/|$tmp/snippets/|g" "$here/nginx/nang-tam.conf" > "$tmp/site.conf"
cat > "$tmp/nginx.conf" <<CONF
$modules
pid $tmp/nginx.pid;
error_log $tmp/logs/error.log;
events {}
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $tmp/client; proxy_temp_path $tmp/proxy; fastcgi_temp_path $tmp/fastcgi;
  uwsgi_temp_path $tmp/uwsgi; scgi_temp_path $tmp/scgi;
  include $tmp/site.conf;
}
CONF
nginx -t -p "$tmp" -c "$tmp/nginx.conf" || fail=1

if command -v systemd-analyze >/dev/null; then
  echo "▶ systemd-analyze verify: nang-tam.service, nang-tam-backup.service, nang-tam-backup.timer"
  cp "$here/systemd/nang-tam.service" "$here/backup/nang-tam-backup.service" "$here/backup/nang-tam-backup.timer" "$tmp/"
  # the units name files of an installed system; verify them as installed
  # a warning (an unknown key, a value it ignores) counts as a failure too
  systemd-analyze verify --man=no "$tmp/nang-tam.service" "$tmp/nang-tam-backup.service" "$tmp/nang-tam-backup.timer" > "$tmp/verify.out" 2>&1 || fail=1
  if [ -s "$tmp/verify.out" ]; then cat "$tmp/verify.out"; fail=1; fi
fi

echo "▶ sh -n: deploy/backup/nang-tam-backup.sh"
sh -n "$here/backup/nang-tam-backup.sh" || fail=1
if command -v shellcheck >/dev/null; then shellcheck "$here/backup/nang-tam-backup.sh" "$0" || fail=1; fi

if command -v logrotate >/dev/null; then
  echo "▶ logrotate -d: deploy/logrotate/nang-tam"
  logrotate -d -s "$tmp/logrotate.state" "$here/logrotate/nang-tam" > "$tmp/logrotate.out" 2>&1 || { cat "$tmp/logrotate.out"; fail=1; }
  grep -i 'error' "$tmp/logrotate.out" && fail=1
fi

if command -v docker-compose >/dev/null; then
  echo "▶ docker-compose config: deploy/compose.yaml"
  POSTGRES_PASSWORD=check docker-compose -p nang-tam -f "$here/compose.yaml" config -q || fail=1
fi

if [ "$fail" -ne 0 ]; then
  echo "deploy/ checks FAILED."
  exit 1
fi
echo "deploy/ checks passed."
