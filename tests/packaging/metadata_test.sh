#!/usr/bin/env bash
# Consistency of the packaging sources: versions agree with the project's, the ids and icon names
# agree between the .desktop file, the metainfo file and the install rules, every icon the qrc and
# the packages name exists at the right size, and the man pages have no groff warnings.
# usage: metadata_test.sh SOURCE_DIR VERSION APP_ID
# Ends with "metadata: N passed, N failed" and exits non-zero on any failure.
set -u
src=$(cd "${1:?source dir}" && pwd)
version=${2:?version}
app_id=${3:?application id (HFTM_APP_ID)}
desktop="$src/resources/linux/$app_id.desktop"
metainfo="$src/resources/linux/$app_id.metainfo.xml"

passed=0
failed=0
check() { # check DESCRIPTION COMMAND...
    local what=$1; shift
    if "$@"; then passed=$((passed + 1)); echo "PASS: $what"; else failed=$((failed + 1)); echo "FAIL: $what"; fi
}
key() { sed -n "s/^$1=//p" "$desktop" | head -1; }

# Versions
check "metainfo's newest release is $version" \
    grep -q "<release version=\"$version\"" <(grep -m1 '<release ' "$metainfo")
check "hftoken.1 is for version $version" grep -q "^\.TH .*\"hftoken $version\"" "$src/installers/man/hftoken.1"
check "hf-token-manager.1 is for version $version" \
    grep -q "^\.TH .*\"hf-token-manager $version\"" "$src/installers/man/hf-token-manager.1"

# Ids and names
check "metainfo id is $app_id" grep -q "<id>$app_id</id>" "$metainfo"
check "metainfo launches $app_id.desktop" grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo"
check ".desktop Exec is hf-token-manager" [ "$(key Exec)" = hf-token-manager ]
check ".desktop Icon is hf-token-manager" [ "$(key Icon)" = hf-token-manager ]
check "metainfo has screenshots, a content rating and a release" \
    bash -c "grep -q '<screenshot ' '$metainfo' && grep -q '<content_rating type=\"oars-1.1\"' '$metainfo' && grep -q '<release ' '$metainfo'"

# Icons: PNG width/height from the IHDR chunk.
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{printf "%dx%d", $3*256+$4, $7*256+$8}'; }
for n in 16 22 24 32 48 64 128 256 512; do
    f="$src/resources/icons/hicolor/${n}x${n}/hf-token-manager.png"
    check "hicolor ${n}x${n} icon exists at that size" [ -f "$f" -a "$(png_size "$f" 2>/dev/null)" = "${n}x${n}" ]
done
check "Windows .ico exists" [ -s "$src/resources/icons/hf-token-manager.ico" ]
for state in valid expiring invalid unchecked env-override; do
    for panel in light dark; do
        f="icons/tray/$state-$panel.svg"
        check "$f exists and is in resources.qrc" \
            bash -c "[ -s '$src/resources/$f' ] && grep -q '<file>$f</file>' '$src/resources/resources.qrc'"
    done
done
missing=$(sed -n 's|.*<file>\(.*\)</file>.*|\1|p' "$src/resources/resources.qrc" | while read -r f; do
    [ -f "$src/resources/$f" ] || echo "$f"; done)
check "every file resources.qrc lists exists${missing:+ (missing: $missing)}" [ -z "$missing" ]
check "resources.qrc uses the prefix /" grep -q '<qresource prefix="/">' "$src/resources/resources.qrc"

# Man pages
if command -v groff >/dev/null 2>&1; then
    for page in hftoken.1 hf-token-manager.1; do
        out=$(groff -man -ww -z "$src/installers/man/$page" 2>&1)
        check "$page: no groff warnings${out:+ ($out)}" [ -z "$out" ]
    done
else
    echo "SKIP: groff not installed: man pages not linted"
fi
check "hftoken.1 documents every command" \
    bash -c "for c in list add switch rename remove get status config check access; do grep -q \"^\\.B.* \$c\\b\\|^\\.B \$c\\$\\|^\\.BI \$c \" '$src/installers/man/hftoken.1' || { echo \"  missing: \$c\"; exit 1; }; done"
check "hftoken.1 documents exit codes 0-4" \
    bash -c "for c in 0 1 2 3 4; do grep -A1 '^\\.TP' '$src/installers/man/hftoken.1' | grep -qx \".B \$c\" || exit 1; done"
check "bash completion parses" bash -n "$src/installers/completions/hftoken.bash"

echo "metadata: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
