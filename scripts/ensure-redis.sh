#!/usr/bin/env bash
# Makes sure Debian's redis-server is installed for the distributed-experiment tests (they
# start their own server on a free loopback port; nothing is started here).
# Installs it with apt when it is missing. Needs root or passwordless sudo on a fresh CI
# machine; does nothing when redis-server is present.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  echo "ensure-redis: found $(command -v redis-server) ($(redis-server --version | head -n1))"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-redis: redis-server missing and not root (no sudo): run 'apt-get update && apt-get install -y redis-server' as root" >&2
    exit 1
  fi
fi
echo "ensure-redis: installing redis-server with apt-get"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends redis-server
# Debian's package starts a system service on port 6379; the tests need only the binary.
if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl disable --now redis-server >/dev/null 2>&1 || true; fi
if ! command -v redis-server >/dev/null 2>&1; then
  echo "ensure-redis: apt-get finished but redis-server is still missing" >&2
  exit 1
fi
echo "ensure-redis: installed $(redis-server --version | head -n1)"
