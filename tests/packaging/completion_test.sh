#!/usr/bin/env bash
# Checks installers/completions/hftoken.bash without bash-completion installed: subcommands,
# options, storage modes, and token names read from stored_tokens (never its secrets).
# usage: completion_test.sh SOURCE_DIR
# Ends with "completion: N passed, N failed" and exits non-zero on any failure.
set -u
src=$(cd "${1:?source dir}" && pwd)

passed=0
failed=0
scratch=$(mktemp -d "${TMPDIR:-/tmp}/hftm-completion.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# A stored_tokens file as huggingface_hub writes it, with a CRLF line and an indented key.
mkdir -p "$scratch/hf" "$scratch/custom"
printf '[work]\nhf_token = hf_SECRETwork0000000000000000000000000\n\n[personal]\r\nhf_token = hf_SECRETpersonal000000000000000000000\n[ci bot]\n  hf_token = hf_SECRETci\n' \
    >"$scratch/hf/stored_tokens"
printf '[elsewhere]\nhf_token = hf_SECRETelsewhere\n' >"$scratch/custom/stored_tokens"

unset HF_TOKEN_PATH XDG_CACHE_HOME
export HF_HOME="$scratch/hf" HOME="$scratch/home"
# shellcheck source=/dev/null
source "$src/installers/completions/hftoken.bash"

# expect "COMMAND LINE" "EXPECTED WORDS (sorted, one space)"; the cursor is at the end of the line.
expect() {
    local line=$1 want=$2 got
    read -r -a COMP_WORDS <<<"$line"
    [[ $line == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE=$line
    COMP_POINT=${#line}
    COMPREPLY=()
    _hftoken hftoken "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    got=$(printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort | paste -sd' ')
    if [[ $got == "$want" ]]; then
        passed=$((passed + 1)); echo "PASS: '$line' -> $want"
    else
        failed=$((failed + 1)); echo "FAIL: '$line' -> '$got', expected '$want'"
    fi
    if [[ $got == *SECRET* ]]; then
        failed=$((failed + 1)); echo "FAIL: '$line' completed a secret"
    fi
}

complete -p hftoken >/dev/null 2>&1 && { passed=$((passed + 1)); echo "PASS: complete -F _hftoken hftoken is registered"; } \
    || { failed=$((failed + 1)); echo "FAIL: no completion registered for hftoken"; }

expect "hftoken " "access add check cleanup config get list remove rename restore status switch"
expect "hftoken restore w" "work"
expect "hftoken s" "status switch"
expect "hftoken --v" "--version"
expect "hftoken list --" "--help --json"
expect "hftoken add newname --" "--activate --force --git-credential --help --no-validate"
expect "hftoken add " ""
expect "hftoken switch " "ci\\ bot personal work"
expect "hftoken switch w" "work"
expect "hftoken switch work " ""
expect "hftoken switch work --" "--git-credential --help"
expect "hftoken get p" "personal"
expect "hftoken remove " "ci\\ bot personal work"
expect "hftoken rename work " ""
expect "hftoken check " "ci\\ bot personal work"
expect "hftoken check work --" "--all --help --json"
expect "hftoken config " "endpoint storage"
expect "hftoken config storage " "files-only keychain-and-files keychain-only"
expect "hftoken config storage k" "keychain-and-files keychain-only"
expect "hftoken access org/repo --token " "ci\\ bot personal work"
expect "hftoken access org/repo --" "--all --help --json --token"
expect "hftoken status --" "--help --json"

# HF_TOKEN_PATH's folder wins over HF_HOME, as in huggingface_hub.
export HF_TOKEN_PATH="$scratch/custom/token"
expect "hftoken switch " "elsewhere"
unset HF_TOKEN_PATH
# No HF_HOME: ${XDG_CACHE_HOME:-~/.cache}/huggingface; a missing file completes nothing.
unset HF_HOME
expect "hftoken switch " ""
mkdir -p "$HOME/.cache/huggingface" && cp "$scratch/custom/stored_tokens" "$HOME/.cache/huggingface/"
expect "hftoken switch " "elsewhere"

echo "completion: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
