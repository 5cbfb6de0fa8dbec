#!/bin/sh
# Regenerates the committed PNGs from the SVG sources (needs rsvg-convert: Debian package librsvg2-bin).
#   hicolor/<N>x<N>/hf-token-manager.png   for the freedesktop icon theme (installed by resources/CMakeLists.txt)
#   hf-token-manager.ico                   Windows executable / installer icon (needs ImageMagick's convert)
#   hf-token-manager.icns                  macOS bundle icon (needs png2icns from icnsutils; skipped if absent)
# The tray icons stay SVG only (the GUI loads them through Qt's SVG icon engine); tray/generate.sh writes them.
set -eu
cd "$(dirname "$0")"
src=hf-token-manager.svg
sizes="16 22 24 32 48 64 128 256 512"
for n in $sizes; do
  mkdir -p "hicolor/${n}x${n}"
  rsvg-convert -w "$n" -h "$n" "$src" -o "hicolor/${n}x${n}/hf-token-manager.png"
done
if command -v convert >/dev/null 2>&1 && [ -x /usr/bin/convert ]; then
  convert hicolor/16x16/hf-token-manager.png hicolor/24x24/hf-token-manager.png hicolor/32x32/hf-token-manager.png \
          hicolor/48x48/hf-token-manager.png hicolor/64x64/hf-token-manager.png hicolor/256x256/hf-token-manager.png \
          hf-token-manager.ico
fi
if command -v png2icns >/dev/null 2>&1; then
  png2icns hf-token-manager.icns hicolor/16x16/hf-token-manager.png hicolor/32x32/hf-token-manager.png \
           hicolor/48x48/hf-token-manager.png hicolor/128x128/hf-token-manager.png \
           hicolor/256x256/hf-token-manager.png hicolor/512x512/hf-token-manager.png >/dev/null
fi
# Strip timestamps so regenerating does not change the files needlessly.
if command -v optipng >/dev/null 2>&1; then optipng -quiet -strip all hicolor/*/*.png; fi
echo "rendered: $(ls hicolor | tr '\n' ' ')"
