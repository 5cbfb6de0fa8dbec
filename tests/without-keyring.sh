#!/bin/sh
# Runs a command where no Secret Service can exist: no session bus, no display to autolaunch one.
# XDG_RUNTIME_DIR goes too: GLib and libdbus look for a session bus at $XDG_RUNTIME_DIR/bus when
# DBUS_SESSION_BUS_ADDRESS is unset, which on a desktop with a systemd user session would reach the
# developer's real keyring.
set -eu
exec env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY -u WAYLAND_DISPLAY -u XDG_RUNTIME_DIR "$@"
