#!/usr/bin/env python3
"""The crate's module import graph, from the `crate::` and `super::` paths in `src/`.

Usage: tools/import_graph.py [--top] [--edges] [--cycles] [--src DIR]

Each file is a module (`src/landed/quote.rs` is `landed::quote`, `src/tariff/mod.rs` is
`tariff`). An edge `a -> b` means module `a` names an item of module `b` (in a `use` or a path
in code). Unit-test modules (`#[cfg(test)]` / `#[cfg(all(test, ...))]` to the end of the file)
are left out: they may reach anything. `--top` folds modules into their top-level module.
Prints the edges, then the cycles (strongly connected components of more than one module);
exits 1 if there is a cycle and `--cycles` was given.
"""
import os
import re
import sys

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")


def module_of(path):
    rel = os.path.relpath(path, SRC)[:-3].split(os.sep)
    if rel[-1] in ("mod", "lib"):
        rel = rel[:-1]
    return tuple(rel)


def strip(text):
    """Code without comments, strings or the unit-test module."""
    m = re.search(r"^#\[cfg\((all\()?test\b.*\n(\s*#\[.*\n)*\s*mod \w+", text, re.M)
    if m:
        text = text[: m.start()]
    # One pass, so a `//` inside a string or a quote inside a comment is read as what it is.
    token = re.compile(
        r"//[^\n]*|/\*.*?\*/|\br(#*)\".*?\"\1|\"(?:\\.|[^\"\\])*\"|'(?:\\[^']+|[^'\\])'",
        re.S,
    )
    return token.sub(lambda m: "" if m.group(0).startswith("/") else '""', text)


def use_paths(tree, prefix=()):
    """The paths of a use tree such as `a::{b, c::{d, e}}`."""
    tree = tree.strip()
    if not tree:
        return
    depth, i = 0, 0
    # Split top-level commas.
    parts, start = [], 0
    for i, ch in enumerate(tree):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(tree[start:i])
            start = i + 1
    parts.append(tree[start:])
    if len(parts) > 1:
        for p in parts:
            yield from use_paths(p, prefix)
        return
    tree = parts[0].strip()
    brace = tree.find("{")
    if brace >= 0:
        head = [s for s in tree[:brace].split("::") if s.strip()]
        inner = tree[brace + 1 : tree.rfind("}")]
        yield from use_paths(inner, prefix + tuple(s.strip() for s in head))
    else:
        tree = tree.split(" as ")[0]
        yield prefix + tuple(s.strip() for s in tree.split("::") if s.strip())


def resolve(path, here, modules, reexports=None):
    """The module a path names an item of (the longest module prefix, following a module's
    `pub use` re-exports to the module that defines the item), or None."""
    if not path:
        return None
    if path[0] == "crate":
        path = path[1:]
    elif path[0] in ("super", "self"):
        base = list(here)
        while path and path[0] in ("super", "self"):
            if path[0] == "super" and base:
                base.pop()
            path = path[1:]
        path = tuple(base) + tuple(path)
    else:
        return None
    for n in range(len(path), -1, -1):
        if tuple(path[:n]) in modules:
            found = tuple(path[:n])
            seen = set()
            while reexports and n < len(path) and (found, path[n]) in reexports:
                if (found, path[n]) in seen:
                    break
                seen.add((found, path[n]))
                found = reexports[(found, path[n])]
            return found
    return None


def graph(top=False):
    files = []
    for root, _, names in os.walk(SRC):
        files += [os.path.join(root, n) for n in names if n.endswith(".rs")]
    modules = {module_of(f) for f in files}
    codes = {}
    for f in files:
        with open(f, encoding="utf-8") as fh:
            codes[f] = strip(fh.read())
    # `pub use a::B;` in module M: M's item B is defined in the module `a::B` resolves to.
    reexports = {}
    for f in files:
        here = module_of(f)
        for m in re.finditer(r"\bpub(?:\([^)]*\))?\s+use\s+([^;]*);", codes[f]):
            for p in use_paths(m.group(1)):
                if not p or p[-1] in ("*", "self"):
                    continue
                rel = p if p[0] in ("crate", "super", "self") else ("self",) + p
                target = resolve(rel, here, modules)
                if target is not None and target != here:
                    reexports[(here, p[-1])] = target
    edges = set()
    for f in files:
        here = module_of(f)
        code = codes[f]
        paths = []
        for m in re.finditer(r"\buse\s+((?:crate|super|self)\b[^;]*);", code):
            paths += list(use_paths(m.group(1)))
        for m in re.finditer(r"\b(crate|super)((?:\s*::\s*\w+\b)+)(?!\s*::)", code):
            paths.append((m.group(1),) + tuple(s.strip() for s in m.group(2).split("::") if s.strip()))
        for p in paths:
            target = resolve(p, here, modules, reexports)
            if target is None or target == here:
                continue
            # A module naming its own submodule (`mod.rs` re-exports) is not an import.
            if target[: len(here)] == here:
                continue
            a, b = here, target
            if top:
                a, b = a[:1] or ("lib",), b[:1] or ("lib",)
                if a == b:
                    continue
            edges.add(("::".join(a) or "lib", "::".join(b) or "lib"))
    return sorted(edges)


def cycles(edges):
    nodes = sorted({n for e in edges for n in e})
    succ = {n: [b for a, b in edges if a == n] for n in nodes}
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in succ[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for n in nodes:
        if n not in index:
            visit(n)
    return out


def main():
    global SRC
    if "--src" in sys.argv:
        SRC = sys.argv[sys.argv.index("--src") + 1]
    top = "--top" in sys.argv
    edges = graph(top)
    if "--edges" in sys.argv or "--cycles" not in sys.argv:
        for a, b in edges:
            print(f"{a} -> {b}")
    found = cycles(edges)
    print(f"# {len(edges)} edges, {len(found)} cycle(s)")
    for c in found:
        print("# cycle: " + ", ".join(c))
    if found and "--cycles" in sys.argv:
        sys.exit(1)


if __name__ == "__main__":
    main()
