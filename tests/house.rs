//! The house rules of the source tree, checked on every `cargo test`:
//!
//! 1. No import cycle: the modules of `src/` (each file a module, `src/landed/quote.rs` is
//!    `landed::quote`) form no cycle through the `crate::`/`super::` paths they name, and
//!    neither do the top-level modules (`landed`, `market`, `tariff`, ...) they fold into. The
//!    same analysis as `tools/import_graph.py`; unit-test modules (`#[cfg(test)]` to the end of
//!    the file) are left out, since tests may reach anything.
//! 2. No source file over [`MAX_LINES`] lines but the few of [`LONG_FILES`], each with its
//!    reason.
//! 3. No function over [`MAX_FN_LINES`] lines, from `fn` to its closing brace, outside the
//!    unit-test modules.
//!
//! A failure names the cycle (or the file) so the fix starts from the message.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The longest a source file may be.
const MAX_LINES: usize = 600;

/// The longest a function may be, its signature and body (comments and blank lines included).
const MAX_FN_LINES: usize = 80;

/// The files allowed over [`MAX_LINES`], and why: empty now that every long file has been split
/// along its concepts. A file that must stay long is listed here with its reason.
const LONG_FILES: &[(&str, &str)] = &[];

/// Import cycles known and not yet removed, each with why. Empty when the graph is clean; a
/// listed cycle that no longer exists fails the test too, so the list cannot go stale.
const KNOWN_CYCLES: &[(&str, &str)] = &[];

type Module = Vec<String>;

/// Import edges, `(from, to)` by module name.
type Edges = BTreeSet<(String, String)>;

/// A file's module, its `use` items (`pub`, tree) and its other `crate::`/`super::` paths.
type Parsed = (Module, Vec<(bool, String)>, Vec<Vec<String>>);

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/landed/quote.rs` is `landed::quote`; `mod.rs` and `lib.rs` name their folder.
fn module_of(src: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let mut parts: Module = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|l| l == "mod" || l == "lib") {
        parts.pop();
    }
    parts
}

/// The text before the unit-test module: a line `#[cfg(test)]` or `#[cfg(all(test, ..))]`,
/// then attribute lines, then `mod name`.
fn before_test_module(text: &str) -> &str {
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |offset, line| {
            let start = *offset;
            *offset += line.len();
            Some((start, line))
        })
        .collect();
    for (i, (start, line)) in lines.iter().enumerate() {
        if !(line.starts_with("#[cfg(test") || line.starts_with("#[cfg(all(test")) {
            continue;
        }
        let rest = line
            .trim_start_matches("#[cfg(all(")
            .trim_start_matches("#[cfg(");
        let after = rest.get(4..5).unwrap_or("");
        if after
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            continue; // `#[cfg(testing)]` is not the test module
        }
        let mut j = i + 1;
        while lines
            .get(j)
            .is_some_and(|(_, l)| l.trim_start().starts_with("#["))
        {
            j += 1;
        }
        if lines
            .get(j)
            .is_some_and(|(_, l)| l.trim_start().starts_with("mod "))
        {
            return text.get(..*start).unwrap_or(text);
        }
    }
    text
}

/// Code without comments and with every string and char literal emptied.
fn strip(text: &str) -> String {
    let chars: Vec<char> = before_test_module(text).chars().collect();
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    let at = |k: usize| chars.get(k).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = at(i);
        if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && at(i) != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            i += 2;
            while i < chars.len() && !(at(i) == '*' && at(i + 1) == '/') {
                i += 1;
            }
            i += 2;
            out.push(' ');
        } else if c == 'r' && (at(i + 1) == '"' || at(i + 1) == '#') && !ident_char(prev(&chars, i))
        {
            let mut k = i + 1;
            let mut hashes = 0;
            while at(k) == '#' {
                hashes += 1;
                k += 1;
            }
            if at(k) != '"' {
                out.push(c);
                i += 1;
                continue;
            }
            k += 1;
            loop {
                if k >= chars.len() {
                    break;
                }
                if at(k) == '"' && (1..=hashes).all(|h| at(k + h) == '#') {
                    k += 1 + hashes;
                    break;
                }
                k += 1;
            }
            out.push_str("\"\"");
            i = k;
        } else if c == '"' {
            let mut k = i + 1;
            while k < chars.len() && at(k) != '"' {
                k += if at(k) == '\\' { 2 } else { 1 };
            }
            out.push_str("\"\"");
            i = k + 1;
        } else if c == '\'' {
            // A char literal ('a', '\n', '\u{1F600}'), or a lifetime ('a) left as it is.
            let end = if at(i + 1) == '\\' {
                (i + 3..chars.len()).find(|&k| at(k) == '\'')
            } else if at(i + 2) == '\'' {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(e) => {
                    out.push_str("' '");
                    i = e + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn prev(chars: &[char], i: usize) -> char {
    i.checked_sub(1)
        .and_then(|k| chars.get(k))
        .copied()
        .unwrap_or(' ')
}

fn ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The paths of a use tree such as `a::{b, c::{d, e}}`.
fn use_paths(tree: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    if tree.is_empty() {
        return;
    }
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0_i32, 0);
    for (i, ch) in tree.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(tree.get(start..i).unwrap_or(""));
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(tree.get(start..).unwrap_or(""));
    if parts.len() > 1 {
        for p in parts {
            use_paths(p, prefix, out);
        }
        return;
    }
    if let (Some(open), Some(close)) = (tree.find('{'), tree.rfind('}')) {
        let mut head = prefix.to_vec();
        head.extend(segments(tree.get(..open).unwrap_or("")));
        use_paths(tree.get(open + 1..close).unwrap_or(""), &head, out);
    } else {
        let name = tree.split(" as ").next().unwrap_or(tree);
        let mut path = prefix.to_vec();
        path.extend(segments(name));
        out.push(path);
    }
}

fn segments(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split("::")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The words, `::` and punctuation of stripped code, for finding `use` items and paths.
fn words(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = rest.get(c.len_utf8()..).unwrap_or("");
        } else if ident_char(c) {
            let end = rest.find(|ch: char| !ident_char(ch)).unwrap_or(rest.len());
            out.push(rest.get(..end).unwrap_or(""));
            rest = rest.get(end..).unwrap_or("");
        } else if rest.starts_with("::") {
            out.push("::");
            rest = rest.get(2..).unwrap_or("");
        } else {
            out.push(rest.get(..c.len_utf8()).unwrap_or(""));
            rest = rest.get(c.len_utf8()..).unwrap_or("");
        }
    }
    out
}

/// Every `use` item (`pub`-ness, its tree as text) and every path starting `crate::` or
/// `super::` written outside a use tree's braces.
fn items(code: &str) -> (Vec<(bool, String)>, Vec<Vec<String>>) {
    let w = words(code);
    let mut uses = Vec::new();
    let mut paths = Vec::new();
    let mut i = 0;
    while let Some(&word) = w.get(i) {
        if word == "use" {
            let public = i
                .checked_sub(1)
                .and_then(|k| w.get(k))
                .is_some_and(|p| *p == "pub")
                || (i >= 4 && w.get(i - 4) == Some(&"pub") && w.get(i - 1) == Some(&")"));
            let end = (i + 1..w.len()).find(|&k| w.get(k) == Some(&";"));
            let tree = w
                .get(i + 1..end.unwrap_or(w.len()))
                .unwrap_or(&[])
                .join(" ");
            uses.push((public, tree));
        }
        let continues = i.checked_sub(1).and_then(|k| w.get(k)) == Some(&"::");
        if (word == "crate" || word == "super") && !continues {
            let mut path = vec![word.to_owned()];
            let mut k = i + 1;
            while w.get(k) == Some(&"::") && w.get(k + 1).is_some_and(|s| s.chars().all(ident_char))
            {
                path.push((*w.get(k + 1).unwrap_or(&"")).to_owned());
                k += 2;
            }
            if path.len() > 1 && w.get(k) != Some(&"::") {
                paths.push(path);
            }
        }
        i += 1;
    }
    (uses, paths)
}

struct Graph {
    modules: HashSet<Module>,
    reexports: HashMap<(Module, String), Module>,
}

impl Graph {
    /// The module whose item a path names: the longest module prefix, following `pub use`
    /// re-exports to the module that defines the item.
    fn resolve(&self, path: &[String], here: &Module, follow: bool) -> Option<Module> {
        let first = path.first()?;
        let path: Vec<String> = match first.as_str() {
            "crate" => path.get(1..)?.to_vec(),
            "super" | "self" => {
                let mut base = here.clone();
                let mut k = 0;
                while let Some(s) = path.get(k).filter(|s| *s == "super" || *s == "self") {
                    if s == "super" {
                        base.pop();
                    }
                    k += 1;
                }
                base.extend(path.get(k..)?.iter().cloned());
                base
            }
            _ => return None,
        };
        for n in (0..=path.len()).rev() {
            let prefix: Module = path.get(..n)?.to_vec();
            if self.modules.contains(&prefix) {
                let mut found = prefix;
                let mut seen = HashSet::new();
                while let Some(item) = path.get(n).filter(|_| follow) {
                    let key = (found.clone(), item.clone());
                    let Some(next) = self.reexports.get(&key) else {
                        break;
                    };
                    if !seen.insert(key) {
                        break;
                    }
                    found = next.clone();
                }
                return Some(found);
            }
        }
        None
    }
}

fn name(m: &[String]) -> String {
    if m.is_empty() {
        "lib".to_owned()
    } else {
        m.join("::")
    }
}

/// The import edges of `src/`, by module and by top-level module.
fn edges(src: &Path) -> (Edges, Edges) {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let parsed: Vec<Parsed> = files
        .iter()
        .map(|f| {
            let text = fs::read_to_string(f).unwrap_or_default();
            let (uses, paths) = items(&strip(&text));
            (module_of(src, f), uses, paths)
        })
        .collect();
    let mut graph = Graph {
        modules: parsed.iter().map(|(m, _, _)| m.clone()).collect(),
        reexports: HashMap::new(),
    };
    for (here, uses, _) in &parsed {
        for (_, tree) in uses.iter().filter(|(public, _)| *public) {
            let mut paths = Vec::new();
            use_paths(tree, &[], &mut paths);
            for p in paths {
                let Some(last) = p.last().filter(|l| *l != "*" && *l != "self") else {
                    continue;
                };
                let rel = if matches!(
                    p.first().map(String::as_str),
                    Some("crate" | "super" | "self")
                ) {
                    p.clone()
                } else {
                    std::iter::once("self".to_owned())
                        .chain(p.iter().cloned())
                        .collect()
                };
                if let Some(target) = graph.resolve(&rel, here, false).filter(|t| t != here) {
                    graph.reexports.insert((here.clone(), last.clone()), target);
                }
            }
        }
    }
    let (mut fine, mut top) = (BTreeSet::new(), BTreeSet::new());
    for (here, uses, inline) in &parsed {
        let mut paths = inline.clone();
        for (_, tree) in uses {
            if tree.starts_with("crate") || tree.starts_with("super") || tree.starts_with("self") {
                use_paths(tree, &[], &mut paths);
            }
        }
        for p in paths {
            let Some(target) = graph.resolve(&p, here, true) else {
                continue;
            };
            if target.starts_with(here) {
                continue; // itself, or its own submodule (a `mod.rs` re-export)
            }
            fine.insert((name(here), name(&target)));
            let first = |m: &Module| name(&m.iter().take(1).cloned().collect::<Vec<_>>());
            let (a, b) = (first(here), first(&target));
            if a != b {
                top.insert((a, b));
            }
        }
    }
    (fine, top)
}

/// The strongly connected components of more than one module, each sorted, joined by ", ".
fn cycles(edges: &Edges) -> Vec<String> {
    let mut succ: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges {
        succ.entry(a).or_default().push(b);
        succ.entry(b).or_default();
    }
    // Kosaraju: finish order on the graph, then components on the reverse.
    let mut order = Vec::new();
    let mut seen = HashSet::new();
    for &start in succ.keys() {
        if !seen.insert(start) {
            continue;
        }
        let mut stack = vec![(start, 0)];
        while let Some((node, next)) = stack.pop() {
            let children = succ.get(node).map_or(&[][..], Vec::as_slice);
            if let Some(&child) = children.get(next) {
                stack.push((node, next + 1));
                if seen.insert(child) {
                    stack.push((child, 0));
                }
            } else {
                order.push(node);
            }
        }
    }
    let mut pred: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges {
        pred.entry(b).or_default().push(a);
    }
    let mut assigned = HashSet::new();
    let mut out = Vec::new();
    for &root in order.iter().rev() {
        if !assigned.insert(root) {
            continue;
        }
        let mut component = vec![root];
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            for &p in pred.get(node).map_or(&[][..], Vec::as_slice) {
                if assigned.insert(p) {
                    component.push(p);
                    stack.push(p);
                }
            }
        }
        if component.len() > 1 {
            component.sort_unstable();
            out.push(component.join(", "));
        }
    }
    out.sort();
    out
}

#[test]
fn no_import_cycle_between_modules_or_top_level_modules() {
    let (fine, top) = edges(&src_dir());
    assert!(
        fine.len() > 100,
        "the analysis found only {} edges",
        fine.len()
    );
    let mut found: Vec<String> = cycles(&fine)
        .into_iter()
        .map(|c| format!("modules {c}"))
        .chain(
            cycles(&top)
                .into_iter()
                .map(|c| format!("top-level modules {c}")),
        )
        .collect();
    let known: Vec<&str> = KNOWN_CYCLES.iter().map(|(c, _)| *c).collect();
    let stale: Vec<&&str> = known
        .iter()
        .filter(|k| !found.iter().any(|f| f == *k))
        .collect();
    assert!(
        stale.is_empty(),
        "KNOWN_CYCLES lists cycles that are gone: {stale:?}; remove them"
    );
    found.retain(|f| !known.contains(&f.as_str()));
    assert!(
        found.is_empty(),
        "import cycles (a module names an item of a module that names it back, directly or \
         through others; move what the lower module needs down, or invert it with a type or \
         trait below both; `python3 tools/import_graph.py` lists the edges):\n  {}",
        found.join("\n  ")
    );
}

#[test]
fn the_analysis_sees_cycles_and_re_exports() {
    let dir = std::env::temp_dir().join(format!("house-{}", std::process::id()));
    let write = |path: &str, text: &str| {
        let file = dir.join(path);
        fs::create_dir_all(file.parent().unwrap_or(&dir)).unwrap_or_default();
        fs::write(file, text).unwrap_or_default();
    };
    write("lib.rs", "mod a;\nmod b;\npub use a::A;\n");
    write(
        "a.rs",
        "use crate::b::B; // crate::c::Gone\npub struct A;\n",
    );
    write("b/mod.rs", "mod inner;\npub use inner::B;\n");
    write(
        "b/inner.rs",
        "pub struct B(crate::A);\nconst S: &str = \"crate::a::A\";\n#[cfg(test)]\nmod tests {\n    use crate::a::A;\n}\n",
    );
    let (fine, top) = edges(&dir);
    let _ = fs::remove_dir_all(&dir);
    let pairs: Vec<(&str, &str)> = fine.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(pairs, [("a", "b::inner"), ("b::inner", "a")]);
    assert_eq!(cycles(&fine), ["a, b::inner"]);
    assert_eq!(cycles(&top), ["a, b"]);
}

#[test]
fn no_source_file_over_the_line_limit_but_the_listed_ones() {
    let src = src_dir();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut long = Vec::new();
    let mut listed_long = Vec::new();
    for file in &files {
        let lines = fs::read_to_string(file).unwrap_or_default().lines().count();
        let rel = file
            .strip_prefix(&src)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        if lines <= MAX_LINES {
            continue;
        }
        if LONG_FILES.iter().any(|(f, _)| *f == rel) {
            listed_long.push(rel);
        } else {
            long.push(format!("src/{rel} ({lines} lines)"));
        }
    }
    long.sort();
    let stale: Vec<&str> = LONG_FILES
        .iter()
        .map(|(f, _)| *f)
        .filter(|f| !listed_long.iter().any(|l| l == f))
        .collect();
    assert!(
        stale.is_empty(),
        "LONG_FILES lists files that are gone or within {MAX_LINES} lines: {stale:?}; remove them"
    );
    assert!(
        long.is_empty(),
        "source files over {MAX_LINES} lines: split them along their concepts (one concept per \
         file, public paths kept by re-exports):\n  {}",
        long.join("\n  ")
    );
}

/// Each function of stripped code: its name, first line and length in lines.
fn functions(code: &str) -> Vec<(String, usize, usize)> {
    let bytes = code.as_bytes();
    let line_at = |i: usize| code.get(..i).map_or(0, |t| t.matches('\n').count()) + 1;
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = code.get(from..).and_then(|t| t.find("fn ")) {
        let at = from + found;
        from = at + 3;
        let before = at.checked_sub(1).and_then(|i| bytes.get(i)).copied();
        if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_') {
            continue;
        }
        let name: String = code
            .get(at + 3..)
            .unwrap_or("")
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            continue;
        }
        // The body opens at the first `{` before any `;` (a declaration without a body).
        let rest = code.get(at..).unwrap_or("");
        let (Some(open), semi) = (rest.find('{'), rest.find(';')) else {
            continue;
        };
        if semi.is_some_and(|s| s < open) {
            continue;
        }
        let mut depth = 0usize;
        let mut end = None;
        for (k, b) in rest.bytes().enumerate().skip(open) {
            match b {
                b'{' => depth += 1,
                b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = Some(at + k);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(end) = end else { continue };
        let (first, last) = (line_at(at), line_at(end));
        out.push((name, first, last - first + 1));
        from = at + open + 1; // nested functions are measured too
    }
    out
}

#[test]
fn no_function_over_the_line_limit() {
    let src = src_dir();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut long = Vec::new();
    for file in &files {
        let code = strip(&fs::read_to_string(file).unwrap_or_default());
        let rel = file
            .strip_prefix(&src)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with("tests.rs") || rel.contains("/tests/") {
            continue; // test files: a test may set out a long case
        }
        for (name, line, lines) in functions(&code) {
            if lines > MAX_FN_LINES {
                long.push(format!("src/{rel}:{line} {name} ({lines} lines)"));
            }
        }
    }
    long.sort();
    assert!(
        long.is_empty(),
        "functions over {MAX_FN_LINES} lines: split them into named steps:\n  {}",
        long.join("\n  ")
    );
}

#[test]
fn the_function_measure_sees_bodies_and_skips_declarations() {
    let code = "trait T { fn a(&self); }\nfn b() {\n    let x = { 1 };\n}\nfn c() {}\n";
    let found = functions(code);
    assert_eq!(
        found,
        vec![("b".to_owned(), 2, 3), ("c".to_owned(), 5, 1)],
        "{found:?}"
    );
}
