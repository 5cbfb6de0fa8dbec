#!/bin/sh
# Screenshots of the main window as users see it first: under Xvfb with a window manager (openbox),
# the app choosing its own size, 12 and 200 tokens of every kind, at 1280x800 and at a 1.5 scale factor
# on 1600x1000. Not a test: the PNGs are for people to look at (docs/screenshots/, the README).
# Usage: take-window-shots.sh BUILD_DIR OUTPUT_DIR
set -eu
build=$(cd "$1" && pwd)
out=$(mkdir -p "$2" && cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
command -v openbox >/dev/null || { echo "openbox is needed (Debian package openbox)" >&2; exit 1; }

shoot() { # shoot TOKENS SCREEN SCALE NAME
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/hftm-shots.XXXXXX")
  HOME="$scratch/home" HF_HOME="$scratch/hf" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache" \
  QT_SCALE_FACTOR="$3" BUILD="$build" SHOT="$out/$4.png" TOKENS="$1" \
    xvfb-run -a -s "-screen 0 ${2}x24" "$here/../../../with-keyring.sh" sh -c '
      set -eu
      unset HF_TOKEN HUGGING_FACE_HUB_TOKEN HF_TOKEN_PATH HF_ENDPOINT
      openbox >/dev/null 2>&1 & wm=$!
      "$BUILD/tests/gui/window/seed_screenshot_env" --tokens "$TOKENS"
      "$BUILD/ui/hf-token-manager" >/dev/null 2>&1 & app=$!
      xdotool search --sync --name "^HF Token Manager$" >/dev/null
      sleep 4 # the first frame, then the rows, widths and banners that follow it
      xdotool mousemove 0 0
      import -window root "$SHOT"
      kill $app $wm; wait $app || true' 2>/dev/null
  rm -rf "$scratch"
  echo "wrote $out/$4.png"
}

shoot 12 1280x800 1 window-12-tokens-1280x800
shoot 200 1280x800 1 window-200-tokens-1280x800
shoot 12 1600x1000 1.5 window-12-tokens-1600x1000-scale1.5
shoot 200 1600x1000 1.5 window-200-tokens-1600x1000-scale1.5
