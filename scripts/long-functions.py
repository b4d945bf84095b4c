#!/usr/bin/env python3
"""Lists the functions longer than N lines (default 80) in the given folders.

The code is clang-formatted (scripts/check-format.sh), so a function defined at namespace level opens
with a `{` alone in the first column and closes with a `}` alone in the first column; a definition
inside a class body is indented and is not seen (those are one-liners by the project's style).
Used for the figures in docs/design.md: `scripts/long-functions.py app core storage sync server cli ui`.
"""
import argparse
import pathlib
import re
import sys

SIGNATURE_END = re.compile(r"(\)|\bconst|\boverride|\bnoexcept|\bfinal)\s*(->\s*[\w:<>, ]+)?\s*$")


def functions(path):
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    i = 0
    while i < len(lines):
        if lines[i] == "{":
            # walk back to the first line of the signature: the line after a blank, `}`, `;` or a comment
            j = i - 1
            if j < 0 or not (SIGNATURE_END.search(lines[j]) or lines[j].rstrip().endswith(",")
                             or ":" in lines[j]):
                i += 1
                continue
            while j > 0 and lines[j - 1].strip() and not lines[j - 1].rstrip().endswith((";", "}", "{")) \
                    and not lines[j - 1].lstrip().startswith(("//", "#", "template")):
                j -= 1
            end = i + 1
            while end < len(lines) and lines[end] != "}":
                end += 1
            name = re.sub(r"\s+", " ", " ".join(l.strip() for l in lines[j:i]))
            if re.match(r"(class|struct|union|enum)\b", name):
                end = i + 1
                while end < len(lines) and lines[end] != "};":
                    end += 1
                i = end + 1
                continue
            if re.match(r"(namespace)\b", name):
                i = end + 1
                continue
            match = re.search(r"([\w:~]+(?:operator\S*)?)\s*\(", name)
            yield j + 1, end - j + 1, match.group(1) if match else name[:60]
            i = end + 1
        else:
            i += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--over", type=int, default=80, help="list functions longer than this")
    parser.add_argument("--count", action="store_true", help="print only how many")
    args = parser.parse_args()
    found = []
    for folder in args.folders:
        for path in sorted(pathlib.Path(folder).rglob("*.cpp")):
            for line, length, name in functions(path):
                if length > args.over:
                    found.append((length, f"{path}:{line}", name))
    if args.count:
        print(len(found))
        return 0
    for length, where, name in sorted(found, reverse=True):
        print(f"{length:5d}  {where}  {name}")
    print(f"{len(found)} functions over {args.over} lines", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
