//! The layout of `src/` stays a pipeline a newcomer can read top-down: every reference from one
//! module to another points one way (no two modules need each other, directly or round a
//! circle), no file grows past 500 lines of code, and no function past 80 lines.
//!
//! A module is a file. A folder's `mod.rs` is its front door: it may use (and re-export) its
//! children, so what the children share lives in a sibling, not in `mod.rs` — a child that used
//! a `mod.rs` using it back would be a cycle. References are read from the source: `use` trees,
//! `crate::…` and `super::…` paths, and paths through a child module a file declares. Unit tests
//! (`#[cfg(test)] mod tests`) and comments are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest a file may be, in lines, without its unit tests.
const MOST_LINES_IN_A_FILE: usize = 500;
/// The longest a function may be, in lines.
const MOST_LINES_IN_A_FUNCTION: usize = 80;
/// Functions that are one flat table (a `match` from a name to its value), allowed to be longer.
const FLAT_TABLES: &[&str] = &[];

/// A module of the crate (keyed by its path, `render::print::sheets`): its file, and its code
/// without comments or unit tests.
struct Module {
    file: PathBuf,
    code: String,
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every module of the library (not `main.rs`, the command line, which may use everything).
fn modules() -> BTreeMap<String, Module> {
    let src = src();
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().map(|e| e.unwrap()) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path == src.join("main.rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap().with_extension("");
        let mut parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
            parts.pop();
        }
        let name = if parts.is_empty() { "crate".to_string() } else { parts.join("::") };
        let text = std::fs::read_to_string(path).unwrap();
        out.insert(name, Module { file: path.to_path_buf(), code: without_tests(&without_comments(&text)) });
    }
    out
}

/// `text` with comments and string literals blanked out (newlines kept, so lines still count).
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                if chars[i] == '\n' {
                    out.push('\n');
                }
                i += 1;
            }
            i += 2;
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !chars.get(i.wrapping_sub(1)).is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // A raw string r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                match chars.get(j) {
                    None => break,
                    Some('"') if (0..hashes).all(|k| chars.get(j + 1 + k) == Some(&'#')) => {
                        j += 1 + hashes;
                        break;
                    }
                    Some('\n') => out.push('\n'),
                    _ => {}
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if chars.get(i) == Some(&'\n') {
                    out.push('\n');
                }
                i += 1;
            }
            out.push_str("\"\"");
            i += 1;
        } else if c == '\'' && next.is_some() && chars.get(i + 2) == Some(&'\'') {
            out.push_str("' '");
            i += 3;
        } else if c == '\'' && next == Some('\\') {
            let end = (i + 2..chars.len()).find(|&k| chars[k] == '\'').unwrap_or(chars.len() - 1);
            out.push_str("' '");
            i = end + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// `code` without its unit tests: everything from `#[cfg(test)]` on a line of its own.
fn without_tests(code: &str) -> String {
    match code.find("\n#[cfg(test)]\nmod tests") {
        Some(i) => code[..i + 1].to_string(),
        None => code.to_string(),
    }
}

/// The child modules `code` declares (`mod x;`, `pub mod x;`, `pub(crate) mod x;`).
fn declared_children(code: &str) -> Vec<String> {
    code.lines()
        .filter_map(|l| {
            let l = l.trim();
            let rest = l.strip_prefix("pub ").or_else(|| l.strip_prefix("pub(crate) ")).unwrap_or(l);
            rest.strip_prefix("mod ")?.strip_suffix(';').map(str::to_string)
        })
        .collect()
}

/// Every path `code` names that leads to another module: `use` trees expanded, and the paths
/// in the code itself. Each is a list of segments from `crate`, `super`, `self` or a child.
fn paths(code: &str, children: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = find_word(rest, "use") {
        let after = &rest[i + 3..];
        let end = after.find(';').unwrap_or(after.len());
        expand_use(after[..end].trim(), &mut Vec::new(), &mut out);
        rest = &after[end..];
    }
    // Paths written in the code: crate::a::b, super::a, self::a, child::a.
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_' || bytes[i - 1] == ':');
        if starts_word && (bytes[i].is_alphabetic() || bytes[i] == '_') {
            let mut j = i;
            let mut segments = Vec::new();
            loop {
                let start = j;
                while j < bytes.len() && (bytes[j].is_alphanumeric() || bytes[j] == '_') {
                    j += 1;
                }
                segments.push(bytes[start..j].iter().collect::<String>());
                if bytes.get(j) == Some(&':')
                    && bytes.get(j + 1) == Some(&':')
                    && bytes.get(j + 2).is_some_and(|c| c.is_alphabetic() || *c == '_')
                {
                    j += 2;
                } else {
                    break;
                }
            }
            let first = segments[0].as_str();
            if segments.len() > 1
                && (matches!(first, "crate" | "super" | "self") || children.iter().any(|c| c == first))
            {
                out.push(segments);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// The first place `word` stands alone in `text`.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(k) = text[from..].find(word) {
        let at = from + k;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') && after.is_some_and(char::is_whitespace) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// Expands a `use` tree (`crate::{a, b::{c, d}}`) into its paths, each after `prefix`.
fn expand_use(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head: Vec<String> =
            tree[..open].split("::").map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let depth = prefix.len();
        prefix.extend(head);
        for part in split_top_level(inner) {
            expand_use(part, prefix, out);
        }
        prefix.truncate(depth);
    } else {
        let path = tree.split(" as ").next().unwrap_or(tree);
        let mut full = prefix.clone();
        full.extend(path.split("::").map(str::trim).filter(|s| !s.is_empty() && *s != "self").map(str::to_string));
        if !full.is_empty() {
            out.push(full);
        }
    }
}

/// The comma-separated parts of a `use` group, commas inside inner braces left alone.
fn split_top_level(text: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

/// The module a path from module `from` leads to, if it leads to another module of the crate.
fn target(from: &str, path: &[String], modules: &BTreeMap<String, Module>, children: &[String]) -> Option<String> {
    let mut base: Vec<String> =
        if from == "crate" { Vec::new() } else { from.split("::").map(str::to_string).collect() };
    let mut segments = path;
    match path[0].as_str() {
        "crate" => {
            base.clear();
            segments = &path[1..];
        }
        "self" => segments = &path[1..],
        "super" => {
            let mut k = 0;
            while path.get(k).is_some_and(|s| s == "super") {
                base.pop();
                k += 1;
            }
            segments = &path[k..];
        }
        first if children.iter().any(|c| c == first) => {}
        _ => return None,
    }
    // The longest run of segments that names a module.
    let mut found = if base.is_empty() { "crate".to_string() } else { base.join("::") };
    let mut walk = base;
    for s in segments {
        walk.push(s.clone());
        let name = walk.join("::");
        if modules.contains_key(&name) {
            found = name;
        } else {
            break;
        }
    }
    (found != from).then_some(found)
}

/// Each module's dependencies on the others.
fn dependencies(modules: &BTreeMap<String, Module>) -> BTreeMap<String, BTreeSet<String>> {
    modules
        .iter()
        .map(|(name, m)| {
            let children = declared_children(&m.code);
            let deps = paths(&m.code, &children).iter().filter_map(|p| target(name, p, modules, &children)).collect();
            (name.clone(), deps)
        })
        .collect()
}

/// A cycle in `graph`, as the modules round it, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(node.to_string(), Mark::Open);
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match marks.get(next.as_str()).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let from = stack.iter().position(|s| s == next).unwrap();
                    let mut cycle = stack[from..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(c) = visit(next, graph, marks, stack) {
                        return Some(c);
                    }
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks: BTreeMap<String, Mark> = graph.keys().map(|k| (k.clone(), Mark::New)).collect();
    for node in graph.keys() {
        if marks[node] == Mark::New
            && let Some(cycle) = visit(node, graph, &mut marks, &mut Vec::new())
        {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn no_two_modules_need_each_other_directly_or_round_a_circle() {
    let modules = modules();
    assert!(modules.len() > 20, "the modules of src/ were found");
    let graph = dependencies(&modules);
    // The reader sees what points where when something is wrong.
    let listing: String = graph
        .iter()
        .map(|(m, deps)| format!("{m} → {}\n", deps.iter().cloned().collect::<Vec<_>>().join(", ")))
        .collect();
    if let Some(cycle) = find_cycle(&graph) {
        panic!("modules that need each other: {}\n\nEvery module's dependencies:\n{listing}", cycle.join(" → "));
    }
    for (m, deps) in &graph {
        assert!(
            !deps.contains("crate") || m == "crate",
            "{m} uses the crate root; use the module that owns the item instead\n{listing}"
        );
    }
}

#[test]
fn the_cycle_check_finds_a_cycle_and_reads_use_trees() {
    let graph: BTreeMap<String, BTreeSet<String>> =
        [("a", vec!["b"]), ("b", vec!["c"]), ("c", vec!["a"]), ("d", vec![])]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.into_iter().map(str::to_string).collect()))
            .collect();
    assert_eq!(find_cycle(&graph), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
    let mut out = Vec::new();
    expand_use("crate::{content::{Kind, Page}, model::Site as S}", &mut Vec::new(), &mut out);
    assert_eq!(
        out,
        vec![vec!["crate", "content", "Kind"], vec!["crate", "content", "Page"], vec!["crate", "model", "Site"]]
    );
    let code = without_comments("// use crate::x;\nlet s = \"crate::y::z\"; crate::w::f();\n");
    assert_eq!(paths(&code, &[]), vec![vec!["crate", "w", "f"]]);
}

/// Lines of `code`.
fn line_count(code: &str) -> usize {
    code.lines().count()
}

#[test]
fn no_file_is_over_500_lines_without_its_tests() {
    let long: Vec<String> = modules()
        .values()
        .filter(|m| line_count(&m.code) > MOST_LINES_IN_A_FILE)
        .map(|m| format!("{} ({} lines)", m.file.strip_prefix(src()).unwrap().display(), line_count(&m.code)))
        .collect();
    assert!(long.is_empty(), "files over {MOST_LINES_IN_A_FILE} lines: {long:?}");
}

/// Each function of `code` with its length in lines: from its `fn` line to its closing brace.
fn functions(code: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let Some(at) = find_word(line, "fn") else { continue };
        let name: String = line[at + 3..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if name.is_empty() {
            continue;
        }
        let mut depth = 0i32;
        let mut opened = false;
        for (k, l) in lines[n..].iter().enumerate() {
            for c in l.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    ';' if !opened && depth == 0 => break,
                    _ => {}
                }
            }
            if opened && depth <= 0 {
                out.push((name.clone(), k + 1));
                break;
            }
            if !opened && l.trim_end().ends_with(';') {
                break;
            }
        }
    }
    out
}

#[test]
fn no_function_is_over_80_lines_but_flat_tables() {
    let mut long = Vec::new();
    for m in modules().values() {
        for (name, len) in functions(&m.code) {
            if len > MOST_LINES_IN_A_FUNCTION && !FLAT_TABLES.contains(&name.as_str()) {
                long.push(format!("{}: {name} ({len} lines)", m.file.strip_prefix(src()).unwrap().display()));
            }
        }
    }
    assert!(long.is_empty(), "functions over {MOST_LINES_IN_A_FUNCTION} lines: {long:#?}");
}
