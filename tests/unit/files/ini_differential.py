#!/usr/bin/env python3
"""Differential check of IniDocument against Python's configparser, as huggingface_hub reads
stored_tokens (ConfigParser(interpolation=None), strict). Generates files from a grammar of what hands,
editors and other tools put in that file, reads each with both, and fails on the first disagreement:
one accepts what the other refuses, they read other sections, keys or values, or a refusal names
another line.

usage: ini_differential.py INI_DUMP COUNT SEED WORKDIR"""

import configparser
import json
import os
import random
import subprocess
import sys

NAME_CHARS = "abcXYZ019 _-.@/()#;:=+é漢"
VALUE_CHARS = "abcXYZ019_-=:;#%[] \t.é"


def word(rng, chars, lo, hi):
    return "".join(rng.choice(chars) for _ in range(rng.randint(lo, hi)))


def space(rng):
    return rng.choice(["", "", " ", "  ", "\t"])


def line(rng):
    kind = rng.choices(
        ["section", "key", "continuation", "blank", "comment", "default", "bare", "odd"],
        weights=[14, 40, 8, 10, 8, 2, 2, 3],
    )[0]
    if kind == "section":
        name = word(rng, NAME_CHARS, 0, 8)
        tail = rng.choice(["", "", "", " ", "]", " x", "\t"])
        return space(rng) * rng.randint(0, 1) + "[" + name + "]" + tail
    if kind == "default":
        return "[DEFAULT]"
    if kind == "key":
        key = rng.choice(["hf_token", "HF_Token", "refresh_token", "expires_at"]) if rng.random() < 0.6 \
            else word(rng, "abcXY_-. ", 1, 6)
        delim = rng.choice(["=", "=", ":", " = ", " : ", "= ", "==", ":="])
        return space(rng) * rng.randint(0, 1) + key + delim + word(rng, VALUE_CHARS, 0, 10) + space(rng)
    if kind == "continuation":
        return rng.choice([" ", "  ", "\t", "    "]) + word(rng, VALUE_CHARS, 0, 8)
    if kind == "blank":
        return rng.choice(["", "", " ", "\t"])
    if kind == "comment":
        return space(rng) + rng.choice(["#", ";"]) + word(rng, VALUE_CHARS, 0, 8)
    if kind == "bare":
        return word(rng, "abc_", 1, 6)
    return rng.choice(["[", "]", "[]", "=", ":", " =x", "[a", "a]"])


def document(rng):
    lines = []
    if rng.random() < 0.8:
        lines.append("[" + word(rng, NAME_CHARS, 1, 6) + "]")
    lines += [line(rng) for _ in range(rng.randint(0, 12))]
    newline = "\r\n" if rng.random() < 0.1 else "\n"
    text = newline.join(lines)
    if rng.random() < 0.7:
        text += newline
    return text


def configparser_view(path):
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with open(path, encoding="utf-8") as handle:
            parser.read_file(handle)
    except (configparser.MissingSectionHeaderError, configparser.DuplicateSectionError,
            configparser.DuplicateOptionError) as error:
        return {"ok": False, "line": error.lineno}
    except configparser.ParsingError as error:
        return {"ok": False, "line": error.errors[0][0]}
    sections = [[name, [list(item) for item in parser._sections[name].items()]] for name in parser.sections()]
    return {"ok": True, "sections": sections, "defaults": [list(item) for item in parser._defaults.items()]}


def ours(line_json):
    view = json.loads(line_json)
    if not view["ok"]:
        return {"ok": False, "line": view["line"]}
    return {"ok": True, "sections": view["sections"], "defaults": view["defaults"]}


def main():
    ini_dump, count, seed, workdir = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rng = random.Random(seed)
    os.makedirs(workdir, exist_ok=True)
    paths = []
    for i in range(count):
        path = os.path.join(workdir, "case%05d.ini" % i)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(document(rng))
        paths.append(path)
    lines = []
    for start in range(0, len(paths), 500):
        out = subprocess.run([ini_dump] + paths[start:start + 500], check=True, capture_output=True)
        lines += out.stdout.decode("utf-8").splitlines()
    accepted = disagreements = 0
    for path, line_json in zip(paths, lines):
        want, got = configparser_view(path), ours(line_json)
        accepted += want["ok"]
        if want != got:
            disagreements += 1
            if disagreements <= 5:
                with open(path, "rb") as handle:
                    print("DISAGREE on %s: %r\n  configparser: %s\n  IniDocument: %s"
                          % (path, handle.read(), want, got))
    print("%d files, %d accepted by configparser, %d disagreements" % (count, accepted, disagreements))
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
