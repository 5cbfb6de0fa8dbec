# bash completion for hftoken (HF Token Manager's command-line tool)        -*- shell-script -*-
# Installed as share/bash-completion/completions/hftoken; loaded on demand by bash-completion.
#
# Token names come from the section headers of huggingface_hub's stored_tokens file, read with
# plain bash: no hftoken process, no keychain access, and no secret is ever printed or completed.

# Prints the path of stored_tokens the way huggingface_hub and hftoken find it:
# dirname($HF_TOKEN_PATH), else $HF_HOME, else ${XDG_CACHE_HOME:-~/.cache}/huggingface.
_hftoken_stored_tokens_path()
{
    local dir
    if [[ -n ${HF_TOKEN_PATH-} ]]; then
        dir=${HF_TOKEN_PATH%/*}
        [[ $dir == "$HF_TOKEN_PATH" ]] && dir=.
        [[ -z $dir ]] && dir=/
    elif [[ -n ${HF_HOME-} ]]; then
        dir=$HF_HOME
    else
        dir=${XDG_CACHE_HOME:-$HOME/.cache}/huggingface
    fi
    [[ $dir == "~"* ]] && dir=$HOME${dir:1}
    printf '%s/stored_tokens\n' "${dir%/}"
}

# Prints one stored token name per line.
_hftoken_token_names()
{
    local file line
    file=$(_hftoken_stored_tokens_path)
    [[ -r $file ]] || return 0
    while IFS= read -r line || [[ -n $line ]]; do
        line=${line%$'\r'}
        if [[ $line =~ ^\[(.+)\][[:space:]]*$ ]]; then
            printf '%s\n' "${BASH_REMATCH[1]}"
        fi
    done < "$file"
}

# Adds the names starting with $cur, shell-quoted (a name may hold spaces).
_hftoken_complete_names()
{
    local name
    while IFS= read -r name; do
        [[ $name == "$cur"* ]] && COMPREPLY+=("$(printf '%q' "$name")")
    done < <(_hftoken_token_names)
}

_hftoken()
{
    local cur prev words cword
    if declare -F _init_completion >/dev/null 2>&1; then
        _init_completion || return
    else
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD-1]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    fi

    local commands="list add switch rename remove restore cleanup get status config check access"
    local global_opts="--help --version"

    # The subcommand is the first word after "hftoken" that is not an option.
    local i cmd="" cmd_index=0
    for ((i = 1; i < cword; i++)); do
        if [[ ${words[i]} != -* ]]; then
            cmd=${words[i]}
            cmd_index=$i
            break
        fi
    done

    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$global_opts" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        fi
        return
    fi

    # Positional arguments already given after the subcommand.
    local npos=0
    for ((i = cmd_index + 1; i < cword; i++)); do
        [[ ${words[i]} == -* ]] && continue
        [[ ${words[i-1]} == --token ]] && continue
        ((npos++))
    done

    local opts=""
    case $cmd in
        list | status)
            opts="--json" ;;
        add)
            # NAME is new: nothing to complete but the options (the token itself is never an argument).
            opts="--activate --git-credential --no-validate --force" ;;
        switch)
            opts="--git-credential"
            ((npos == 0)) && [[ $cur != -* ]] && _hftoken_complete_names ;;
        rename)
            ((npos == 0)) && [[ $cur != -* ]] && _hftoken_complete_names ;;
        remove | get | restore)
            ((npos == 0)) && [[ $cur != -* ]] && _hftoken_complete_names ;;
        config)
            if ((npos == 0)); then
                COMPREPLY=($(compgen -W "storage endpoint" -- "$cur"))
            elif ((npos == 1)) && [[ ${words[cmd_index+1]} == storage ]]; then
                COMPREPLY=($(compgen -W "keychain-and-files keychain-only files-only" -- "$cur"))
            fi
            return ;;
        check)
            opts="--all --json"
            [[ $cur != -* ]] && _hftoken_complete_names ;;
        access)
            if [[ $prev == --token ]]; then
                _hftoken_complete_names
                return
            fi
            # REPO ids (owner/name, datasets/owner/name, spaces/owner/name) cannot be listed offline.
            opts="--token --all --json" ;;
        *)
            return ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY+=($(compgen -W "$opts --help" -- "$cur"))
    fi
}

complete -F _hftoken hftoken
