#!/usr/bin/env bash
# Installs the Debian packages the migration command-driver tests use (real Alembic on real Postgres).
# Where apt is unavailable (or we are not root) it says so and exits 0: those tests then skip visibly.
set -euo pipefail
packages=(alembic python3-psycopg2)
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ci-apt: apt-get not available; skipping ${packages[*]} (the Alembic tests will be skipped)"
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
    echo "ci-apt: not root and no passwordless sudo; skipping ${packages[*]} (the Alembic tests will be skipped)"
    exit 0
  fi
fi
installed=$(dpkg-query -W -f='${Status}\n' "${packages[@]}" 2>/dev/null | grep -c 'install ok installed' || true)
if [ "$installed" -ne "${#packages[@]}" ]; then
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${packages[@]}"
fi
echo "ci-apt: $(alembic --version)"
