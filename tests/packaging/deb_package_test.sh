#!/usr/bin/env bash
# Builds the .deb and .tar.gz with CPack from an already built tree, checks their metadata and file
# lists, unpacks the .deb into a scratch root (dpkg -x) and runs the installed executables.
# As root with CI=true it also installs the .deb for real with dpkg, runs /usr/bin/hftoken, then
# purges it and checks that nothing the package installed is left behind.
#
# usage: deb_package_test.sh BUILD_DIR VERSION APP_ID
# Ends with "packaging: N passed, N failed" and exits non-zero on any failure.
set -u

build_dir=$(cd "${1:?build dir}" && pwd)
version=${2:?version}
app_id=${3:?application id (HFTM_APP_ID)}

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { # check DESCRIPTION COMMAND...
    local what=$1; shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}
finish() {
    echo "packaging: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}

for tool in cpack dpkg-deb dpkg tar; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        fail "$tool is installed"
        finish
    fi
done
if ! command -v dpkg-shlibdeps >/dev/null 2>&1; then
    fail "dpkg-shlibdeps is installed (Debian package dpkg-dev), needed for the .deb's Depends"
    finish
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/hftm-packaging.XXXXXX")
cleanup() { chmod -R u+w "$scratch" 2>/dev/null; rm -rf "$scratch"; }
trap cleanup EXIT

# --- Build the packages ---------------------------------------------------------------------------
# Run from the scratch folder so CPack's staging (_CPack_Packages) stays out of the build tree.
# CPack's install step first runs the build tree's "preinstall" target: a no-op after a build.
cd "$scratch" || exit 1
start=$(date +%s)
if cpack --config "$build_dir/CPackConfig.cmake" -G "DEB;TGZ" -B "$scratch/out" >"$scratch/cpack.log" 2>&1; then
    pass "cpack -G DEB;TGZ ($(( $(date +%s) - start )) s)"
else
    fail "cpack -G DEB;TGZ; its output:"
    cat "$scratch/cpack.log"
    # CPack first brings the build tree up to date ("preinstall"); show why that failed.
    find "$scratch/out" -name PreinstallOutput.log -exec tail -n 40 {} \;
    finish
fi

arch=$(dpkg --print-architecture)
deb="$scratch/out/hf-token-manager_${version}_${arch}.deb"
if [ -f "$deb" ]; then
    pass "package named $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
else
    fail "package named hf-token-manager_${version}_${arch}.deb; made: $(ls "$scratch/out" | grep -v _CPack | tr "\n" " ")"
    finish
fi

# --- Control fields -------------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
echo "--- control fields"
dpkg-deb -f "$deb"
echo "---"
check "Package is hf-token-manager" [ "$(field Package)" = hf-token-manager ]
check "Version is $version" [ "$(field Version)" = "$version" ]
check "Architecture is $arch" [ "$(field Architecture)" = "$arch" ]
depends=$(field Depends)
check "Depends on Qt 6 Core (libqt6core6)" grep -Eq '(^|, )libqt6core6(t64)? \(>= 6\.4' <<<"$depends"
check "Depends on Qt 6 Widgets" grep -Eq '(^|, )libqt6widgets6' <<<"$depends"
# On Linux the keychain is the Secret Service through libsecret, linked directly (QtKeychain cannot label
# items or give them the per-store attributes); QtKeychain serves the other platforms.
check "Depends on libsecret (libsecret-1-0 >= 0.19, linked)" grep -Eq '(^|, )libsecret-1-0 \(>= 0\.19' <<<"$depends"
check "Depends on the SVG icon engine (libqt6svg6)" grep -Eq '(^|, )libqt6svg6' <<<"$depends"
check "Depends on GLib (libsecret's main loop)" grep -Eq '(^|, )libglib2\.0-0' <<<"$depends"
recommends=$(field Recommends)
# The daemons that serve the Secret Service, not programs with a window (a packager's review point).
check "Recommends a Secret Service daemon" grep -Eq 'gnome-keyring *\| *libkf5wallet-bin' <<<"$recommends"
check "Recommends no GUI program" bash -c "! grep -Eq 'kwalletmanager|keepassxc|seahorse' <<<'$recommends'"
check "Suggests git" grep -Eq '(^|, )git($|,)' <<<"$(field Suggests)"
check "Maintainer is set" grep -q '@' <<<"$(field Maintainer)"
check "Homepage is set" grep -q '^https://' <<<"$(field Homepage)"
check "Section is utils" [ "$(field Section)" = utils ]
check "Description has a synopsis and a long text" [ "$(field Description | wc -l)" -ge 3 ]

# --- File list ------------------------------------------------------------------------------------
expected="$scratch/expected.txt"
{
    echo usr/bin/hf-token-manager
    echo usr/bin/hftoken
    echo "usr/share/applications/$app_id.desktop"
    echo "usr/share/metainfo/$app_id.metainfo.xml"
    for n in 16 22 24 32 48 64 128 256 512; do
        echo "usr/share/icons/hicolor/${n}x${n}/apps/hf-token-manager.png"
    done
    echo usr/share/icons/hicolor/scalable/apps/hf-token-manager.svg
    echo usr/share/man/man1/hftoken.1.gz
    echo usr/share/man/man1/hf-token-manager.1.gz
    echo usr/share/bash-completion/completions/hftoken
    echo usr/share/doc/hf-token-manager/copyright
    echo usr/share/doc/hf-token-manager/changelog.gz
} | sort >"$expected"
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $6}' | sed 's|^\./||' | sort >"$scratch/actual.txt"
if diff -u "$expected" "$scratch/actual.txt" >"$scratch/files.diff"; then
    pass "file list: exactly the $(wc -l <"$expected") expected files"
else
    fail "file list differs from the expected one (- missing, + unexpected):"
    sed -n '3,$p' "$scratch/files.diff" | grep '^[-+]'
fi
outside=$(dpkg-deb -c "$deb" | awk '{print $6}' | grep -v -e '^\./usr/' -e '^\./$')
check "nothing outside /usr${outside:+ (found: $outside)}" [ -z "$outside" ]
check "executables are mode 755 and owned by root" \
    bash -c "[ \$(dpkg-deb -c '$deb' | grep -E '\./usr/bin/' | grep -cE '^-rwxr-xr-x root/root') -eq 2 ]"

# --- What a Debian packager checks ----------------------------------------------------------------
# lintian with every tag a packager would act on: errors and warnings fail; its info tags are printed
# for people (two remain: the .comment section strip leaves, and "no fortified functions", which lintian
# says of binaries whose fortifiable calls the compiler proved safe).
if command -v lintian >/dev/null 2>&1; then
    lintian --tag-display-limit 0 --display-info --fail-on error,warning "$deb" >"$scratch/lintian.txt" 2>&1
    rc=$?
    cat "$scratch/lintian.txt"
    check "lintian: no error and no warning" [ "$rc" -eq 0 ]
else
    fail "lintian is installed (Debian package lintian)"
fi
changelog_version=$(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/share/doc/hf-token-manager/changelog.gz |
    gzip -dc | sed -n '1s/^hf-token-manager (\([^)]*\)).*/\1/p')
check "changelog's first entry is version $version (found: $changelog_version)" [ "$changelog_version" = "$version" ]
check "copyright is machine-readable (DEP-5)" bash -c "dpkg-deb --fsys-tarfile '$deb' |
    tar -xO ./usr/share/doc/hf-token-manager/copyright | head -1 | grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/'"

# --- Unpack into a scratch root and run -----------------------------------------------------------
root="$scratch/root"
if dpkg -x "$deb" "$root"; then pass "dpkg -x into a scratch root"; else fail "dpkg -x"; finish; fi
if command -v appstreamcli >/dev/null 2>&1; then
    check "appstreamcli validate-tree on the unpacked package (metainfo + .desktop + icons)" \
        appstreamcli validate-tree --no-net --explain "$root"
fi
if command -v desktop-file-validate >/dev/null 2>&1; then
    check "desktop-file-validate on the unpacked .desktop file" \
        desktop-file-validate "$root/usr/share/applications/$app_id.desktop"
fi
check "installed executables are stripped" \
    bash -c "! command -v file >/dev/null || ! file '$root/usr/bin/hftoken' '$root/usr/bin/hf-token-manager' | grep -q 'not stripped'"

# Runs with a private HOME and no keychain session so --version cannot touch real tokens.
run_version() { # run_version EXECUTABLE EXPECTED_NAME
    local exe=$1 name=$2 out rc
    out=$(cd "$scratch" && env -i PATH=/usr/bin:/bin HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/.config" \
              XDG_CACHE_HOME="$scratch/home/.cache" XDG_RUNTIME_DIR="$scratch/run" HF_HOME="$scratch/home/hf" \
              QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='*.debug=false' \
              timeout 20 "$exe" --version 2>"$scratch/stderr.txt" </dev/null)
    rc=$?
    if [ $rc -eq 0 ] && grep -qx "$name $version" <<<"$out"; then
        pass "$exe --version prints \"$name $version\""
    else
        fail "$exe --version: exit $rc (124 = timed out after 20 s), stdout: \"$out\", stderr: \"$(head -c 400 "$scratch/stderr.txt")\"; expected a line \"$name $version\""
    fi
}
mkdir -p "$scratch/home" "$scratch/run" && chmod 700 "$scratch/run"
run_version "$root/usr/bin/hftoken" hftoken
run_version "$root/usr/bin/hf-token-manager" hf-token-manager

# --- The .tar.gz ----------------------------------------------------------------------------------
tgz="$scratch/out/hf-token-manager-${version}-linux-$(uname -m | sed 's/aarch64/arm64/').tar.gz"
if [ -f "$tgz" ]; then
    pass "archive named $(basename "$tgz") ($(du -k "$tgz" | cut -f1) KiB)"
    top="hf-token-manager-${version}-linux-$(uname -m | sed 's/aarch64/arm64/')"
    tar -tzf "$tgz" | grep -v '/$' | sed "s|^$top/|usr/|" | sort >"$scratch/tgz.txt"
    check "archive holds the same files as the .deb, under one top folder" diff -q "$expected" "$scratch/tgz.txt"
else
    fail "archive hf-token-manager-${version}-linux-*.tar.gz; made: $(ls "$scratch/out" | grep -v _CPack | tr "\n" " ")"
fi

# --- Real install and purge (CI=true, as root, all dependencies already installed) ----------------
if [ "${CI:-}" = true ] && [ "$(id -u)" -eq 0 ]; then
    if dpkg -s hf-token-manager >/dev/null 2>&1; then
        fail "real install: hf-token-manager is already installed on this machine; not touching it"
    elif command -v apt-get >/dev/null && apt-get install -s --no-install-recommends "$deb" 2>/dev/null |
            grep '^Inst ' | grep -qv '^Inst hf-token-manager '; then
        echo "SKIP: real install: some dependencies are not installed (would need downloads)"
    elif dpkg -i "$deb" >"$scratch/dpkg-i.log" 2>&1; then
        pass "dpkg -i"
        check "dpkg reports it installed" bash -c "dpkg -s hf-token-manager | grep -q '^Status: install ok installed'"
        run_version /usr/bin/hftoken hftoken
        run_version /usr/bin/hf-token-manager hf-token-manager
        dpkg -L hf-token-manager | sort >"$scratch/owned.txt"
        if dpkg --purge hf-token-manager >"$scratch/dpkg-purge.log" 2>&1; then
            pass "dpkg --purge"
        else
            fail "dpkg --purge:"; cat "$scratch/dpkg-purge.log"
        fi
        left=$(while read -r f; do [ -f "$f" ] && echo "$f"; done <"$scratch/owned.txt")
        check "purge leaves none of the package's files behind${left:+ (left: $left)}" [ -z "$left" ]
    else
        fail "dpkg -i:"; cat "$scratch/dpkg-i.log"
        dpkg --purge hf-token-manager >/dev/null 2>&1
    fi
else
    echo "SKIP: real install with dpkg -i (only as root with CI=true)"
fi

finish
