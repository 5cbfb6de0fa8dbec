#!/bin/sh
# One entry point for a fresh Debian/Ubuntu machine:
#   installers/dev.sh run    install what is missing, build, launch the app
#   installers/dev.sh test   install what is missing, build, run the whole test suite (what CI runs)
#   installers/dev.sh fuzz   install clang, build the libFuzzer targets, run each for 60 s (CI runs it)
#   installers/dev.sh deps   only install what is missing
set -eu
cd "$(dirname "$0")/.."

# Build, runtime and headless-test packages, all from Debian's archive.
BUILD_PKGS="cmake make g++ git pkg-config qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-svg-dev
  qt6-l10n-tools qtkeychain-qt6-dev libsecret-1-dev libgl-dev"
RUNTIME_PKGS="gnome-keyring dbus dbus-x11 libsecret-tools qt6-qpa-plugins"
TEST_PKGS="xvfb xauth x11-utils xdotool trayer imagemagick desktop-file-utils appstream dpkg-dev file rpm groff-base lintian openbox"

install_missing() {
  missing=""
  for p in $BUILD_PKGS $RUNTIME_PKGS "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  echo "Installing:$missing"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
}

jobs=$(nproc 2>/dev/null || echo 2)
case "${1:-run}" in
  deps)
    install_missing $TEST_PKGS ;;
  run)
    install_missing
    cmake --preset release >/dev/null
    cmake --build --preset release -j "$jobs" --target hf-token-manager hftoken
    exec ./build/release/ui/hf-token-manager ;;
  test)
    install_missing $TEST_PKGS
    preset=dev
    [ "${CI:-}" = "true" ] && preset=ci
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" -j "$jobs"
    ctest --preset "$preset" -j "$jobs" ;;
  fuzz)
    install_missing clang
    # libFuzzer's runtime comes with the clang of the same major version (Debian and Ubuntu name it so).
    major=$(clang++ -dumpversion | cut -d. -f1)
    install_missing "libclang-rt-$major-dev"
    cmake --preset fuzz >/dev/null
    cmake --build --preset fuzz -j "$jobs" --target fuzz_ini fuzz_hub_answers fuzz_metadata fuzz_repo_ref fuzz_json_peek
    exec ./tests/fuzz/run-fuzzers.sh build/fuzz "${HFTM_FUZZ_SECONDS:-60}" ;;
  *)
    echo "usage: $0 run|test|fuzz|deps" >&2; exit 2 ;;
esac
