#!/bin/sh
# Runs a command inside a private D-Bus session whose Secret Service (gnome-keyring) is running but has
# no keyring at all, and no way to create one (no display for its prompt): a keychain that answers but
# cannot keep anything. Usage: with-empty-keyring.sh COMMAND [ARGS...]
set -eu
scratch=$(mktemp -d "${TMPDIR:-/tmp}/hftm-emptykeyring.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT TERM
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/home/.local/share" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY
export HFTM_EMPTY_KEYRING=1
status=0
dbus-run-session -- sh -c '
  gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1 || {
    echo "with-empty-keyring.sh: gnome-keyring-daemon could not start" >&2; exit 1; }
  "$@"' sh "$@" || status=$?
exit "$status"
