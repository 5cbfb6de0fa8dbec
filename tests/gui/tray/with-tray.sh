#!/bin/sh
# Runs a command on a private X server (Xvfb) with a real system tray host (trayer), so that
# QSystemTrayIcon embeds for real. Usage: with-tray.sh COMMAND [ARGS...]
# The display number comes from Xvfb itself (-displayfd), so parallel runs never collide.
set -eu
scratch=$(mktemp -d "${TMPDIR:-/tmp}/hftm-tray.XXXXXX")
xvfb_pid=''
trayer_pid=''
cleanup() {
    [ -n "$trayer_pid" ] && kill "$trayer_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in Xvfb trayer xdotool; do
    command -v "$tool" >/dev/null 2>&1 || { echo "with-tray.sh: $tool is not installed" >&2; exit 1; }
done

# Xvfb writes the display number to the fifo once it accepts connections; `read` waits for exactly that.
mkfifo "$scratch/displayfd"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$scratch/displayfd" >"$scratch/xvfb.log" 2>&1 &
xvfb_pid=$!
display=''
read -r display <"$scratch/displayfd" || true
if [ -z "$display" ]; then
    echo "with-tray.sh: Xvfb did not start" >&2
    cat "$scratch/xvfb.log" >&2
    exit 1
fi
export DISPLAY=":$display"

trayer --edge top --align right --widthtype request --height 24 --transparent true --alpha 0 --tint 0x2b2f33 \
    >"$scratch/trayer.log" 2>&1 &
trayer_pid=$!
# Bounded wait until trayer's window exists (it takes the tray selection as it maps it); the test then
# waits for QSystemTrayIcon::isSystemTrayAvailable() itself.
tries=0
until xdotool search --class trayer >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ] || ! kill -0 "$trayer_pid" 2>/dev/null; then
        echo "with-tray.sh: trayer did not come up" >&2
        cat "$scratch/trayer.log" >&2
        exit 1
    fi
    sleep 0.1
done

export QT_QPA_PLATFORM=xcb
status=0
"$@" || status=$?
exit "$status"
