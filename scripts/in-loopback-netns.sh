#!/bin/sh
# Runs a command inside a new network namespace whose only interface is loopback, so WebRTC
# tests and benches can never reach this machine's real network address (Chromium offers it as
# a candidate and no flag stops that). Refuses to run the command when the namespace cannot be
# made, rather than falling back to the normal network.
set -eu
if ! command -v unshare >/dev/null 2>&1; then
  echo "in-loopback-netns: 'unshare' (util-linux) is missing; refusing to run WebRTC tests on the normal network." >&2
  exit 3
fi
if ! command -v ip >/dev/null 2>&1; then
  echo "in-loopback-netns: 'ip' (iproute2) is missing; refusing to run WebRTC tests on the normal network." >&2
  exit 3
fi
# -r maps the current user to root inside a user namespace, so no privileges are needed.
exec unshare -rn sh -c 'ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo 2>/dev/null; SITREP_LOOPBACK_NETNS=1 exec "$@"' sh "$@"
