#!/usr/bin/env bash
# Makes the secrets compose.yaml mounts, once: a random database password (for PostgreSQL and in Mentori's
# connection string) and the JWT signing key shared by every Mentori instance. The folder is the owner's alone;
# the files are readable by the containers' own users (a bind-mounted secret keeps its mode).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -e secrets ]; then
  echo "secrets/ exists already; move it away to make new ones (the database keeps the old password)" >&2
  exit 1
fi
mkdir -m 700 secrets
random() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c "$1"; }
password=$(random 32)
printf '%s' "$password" > secrets/postgres_password
printf 'Host=postgres;Username=mentori;Password=%s;Database=mentori' "$password" > secrets/ConnectionStrings__Mentori
random 64 > secrets/Auth__Jwt__SigningKey
chmod 444 secrets/*
echo "secrets/: postgres_password, ConnectionStrings__Mentori, Auth__Jwt__SigningKey"
