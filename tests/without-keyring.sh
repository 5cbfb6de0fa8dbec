#!/bin/sh
# Runs a command where no Secret Service can exist: no session bus, no display to autolaunch one.
set -eu
exec env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY -u WAYLAND_DISPLAY "$@"
