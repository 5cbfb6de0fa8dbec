#!/bin/sh
# Takes the README screenshots under Xvfb at 1280x800 with a private keyring: the main window over the
# fixture tokens, then the same window with the add-token dialog open and a pasted token checked by the
# fake Hub. Usage: take-screenshots.sh BUILD_DIR OUTPUT_DIR
set -eu
build=$(cd "$1" && pwd)
out=$(mkdir -p "$2" && cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/hftm-shots.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
export HF_HOME="$scratch/hf" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
unset HF_TOKEN HUGGING_FACE_HUB_TOKEN HF_TOKEN_PATH HF_ENDPOINT
export BUILD="$build" OUT="$out" SCRATCH="$scratch"
xvfb-run -a -s "-screen 0 1280x800x24" "$here/../../../with-keyring.sh" sh -c '
  set -eu
  "$BUILD/tests/gui/window/seed_screenshot_env"
  start_app() {
    "$BUILD/ui/hf-token-manager" & app=$!
    win=$(xdotool search --sync --name "^HF Token Manager$" | head -n1)
    xdotool windowmove "$win" 0 0 windowsize "$win" 1280 800
    sleep 2
    xdotool mousemove 1279 799
  }
  start_app
  import -window root "$OUT/main-window.png"
  kill $app; wait $app || true

  "$BUILD/tests/gui/window/fake_hub_server" > "$SCRATCH/endpoint" & hub=$!
  sleep 1
  HF_ENDPOINT=$(cat "$SCRATCH/endpoint") start_app
  xdotool windowfocus --sync "$win" key ctrl+n
  sleep 1
  xdotool type --delay 5 "hf_FAKEwindowAddTokenForTestsOnlyxWinA"
  sleep 3
  import -window root "$OUT/main-window-add-token.png"
  kill $app $hub
'
echo "wrote $out/main-window.png $out/main-window-add-token.png"
