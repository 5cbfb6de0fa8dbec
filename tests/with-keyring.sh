#!/bin/sh
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, isolated from the user's
# own keyring by a temporary HOME / XDG_DATA_HOME, so QtKeychain talks to a real Secret Service.
# Usage: with-keyring.sh COMMAND [ARGS...]
set -eu
scratch=$(mktemp -d "${TMPDIR:-/tmp}/hftm-keyring.XXXXXX")
# Not `exec dbus-run-session`: exec would drop this shell and its trap, leaking the scratch folder (with a
# keyring in it) on every run. gnome-keyring-daemon leaves by itself when the session bus goes away.
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT TERM
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/home/.local/share" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export HFTM_KEYRING_SCRATCH="$scratch"
status=0
dbus-run-session -- sh -c '
  printf "%s" "hftm-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || {
    echo "with-keyring.sh: gnome-keyring-daemon could not start" >&2; exit 1; }
  "$@"' sh "$@" || status=$?
exit "$status"
