//! `cargo xtask architecture` (also the first step of `cargo xtask test`): the direction of
//! dependencies that `docs/architecture.md` describes, checked so it stays true.
//!
//! 1. Crates: each workspace crate depends only on the crates the table below allows
//!    (Cargo itself forbids cycles between crates; this forbids the wrong direction).
//! 2. Modules: inside each crate, the top-level modules' `crate::…` references form no
//!    cycle (test modules at the end of a file are left out: a test may reach anywhere).
//! 3. In hane-core, nothing outside `api/` and `storage/` takes a `Database` as a
//!    parameter: the domain, the media crates and the core's own helpers never see one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::{root, TaskResult};

/// Each workspace crate: its folder, its name, the workspace crates it may depend on
/// (normal and build dependencies), and whether its modules are checked for cycles.
const CRATES: &[(&str, &str, &[&str], bool)] = &[
    ("crates/hane-domain", "hane-domain", &[], true),
    ("crates/hane-image", "hane-image", &["hane-domain"], true),
    (
        "crates/hane-photo",
        "hane-photo",
        &["hane-domain", "hane-image"],
        true,
    ),
    (
        "crates/hane-pdf",
        "hane-pdf",
        &["hane-domain", "hane-image"],
        true,
    ),
    (
        "crates/hane-scan",
        "hane-scan",
        &["hane-domain", "hane-image"],
        true,
    ),
    (
        "crates/hane-core",
        "hane-core",
        &[
            "hane-domain",
            "hane-image",
            "hane-photo",
            "hane-pdf",
            "hane-scan",
        ],
        true,
    ),
    ("crates/hane-cli", "hane-cli", &["hane-core"], true),
    ("src-tauri", "hane", &["hane-core"], true),
    ("tests/e2e", "hane-e2e", &["hane-core"], false),
    ("xtask", "xtask", &[], false),
];

/// The crates that ship (every one under `crates/`, and the app): folder and package name.
pub fn shipped_crates() -> impl Iterator<Item = (&'static str, &'static str)> {
    CRATES
        .iter()
        .filter(|(dir, ..)| dir.starts_with("crates/") || *dir == "src-tauri")
        .map(|(dir, name, ..)| (*dir, *name))
}

/// The workspace's `members = [ … ]`, as written in the root manifest.
fn members(workspace: &str) -> Vec<String> {
    let Some(start) = workspace.find("members = [") else {
        return Vec::new();
    };
    let list = &workspace[start + "members = [".len()..];
    let list = &list[..list.find(']').unwrap_or(list.len())];
    list.split(',')
        .map(|m| m.trim().trim_matches('"').to_string())
        .filter(|m| !m.is_empty())
        .collect()
}

pub fn check() -> TaskResult {
    println!(
        "\n==> architecture: dependency direction, no module cycles, Database only in api/storage"
    );
    let mut problems = Vec::new();
    problems.extend(crate_edges()?);
    for (dir, ..) in CRATES.iter().filter(|c| c.3) {
        problems.extend(module_cycles(&root().join(dir))?);
    }
    problems.extend(database_parameters(&root().join("crates/hane-core/src"))?);
    if problems.is_empty() {
        println!("ok");
        Ok(())
    } else {
        for p in &problems {
            eprintln!("  {p}");
        }
        Err(format!("{} architecture problem(s)", problems.len()))
    }
}

/// Reads each workspace manifest's `hane…` dependencies (path dependencies through
/// `workspace = true`), without a TOML parser: the `[dependencies]` and
/// `[build-dependencies]` sections, one `name.workspace = true` or `name = {…}` per line.
fn crate_edges() -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    let workspace =
        std::fs::read_to_string(root().join("Cargo.toml")).map_err(|e| e.to_string())?;
    let members = members(&workspace);
    for m in &members {
        if CRATES.iter().all(|(dir, ..)| dir != m) {
            problems.push(format!(
                "{m}: a workspace member missing from the table in xtask/src/architecture.rs"
            ));
        }
    }
    for (dir, expected, allowed, _) in CRATES {
        if !members.iter().any(|m| m == dir) {
            problems.push(format!(
                "{dir}: not a workspace member any more; update the table"
            ));
        }
        let path = root().join(dir).join("Cargo.toml");
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{dir}: {e}"))?;
        let name = package_name(&text).ok_or_else(|| format!("{dir}: no package name"))?;
        if name != *expected {
            problems.push(format!("{dir}: package {name}, the table says {expected}"));
        }
        for dep in workspace_deps(&text) {
            if dep != name && !allowed.contains(&dep.as_str()) {
                problems.push(format!(
                    "{name} depends on {dep}, which the direction forbids"
                ));
            }
        }
    }
    Ok(problems)
}

fn package_name(manifest: &str) -> Option<String> {
    manifest
        .lines()
        .skip_while(|l| l.trim() != "[package]")
        .find_map(|l| l.trim().strip_prefix("name = "))
        .map(|v| v.trim_matches('"').to_string())
}

fn workspace_deps(manifest: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_deps = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_deps = line == "[dependencies]" || line == "[build-dependencies]";
            continue;
        }
        if in_deps && line.starts_with("hane") {
            let name: String = line
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            out.push(name);
        }
    }
    out
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    Ok(())
}

/// A file's code without its test module (by convention the last item of a file).
fn without_tests(text: &str) -> &str {
    match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    }
}

/// The crate-root names a file refers to: `crate::name` and the names inside
/// `crate::{a, b::c}`, and `super::name` in a top-level module file (where `super` is the
/// crate root).
fn referenced_roots(code: &str, super_is_root: bool) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut prefixes = vec!["crate::"];
    if super_is_root {
        prefixes.push("super::");
    }
    for prefix in prefixes {
        let mut rest = code;
        while let Some(i) = rest.find(prefix) {
            // Part of a longer path (`hane_core::crate::` cannot occur; `xcrate::` can).
            let before = rest[..i].chars().next_back();
            rest = &rest[i + prefix.len()..];
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                let mut depth = 1;
                let mut current = String::new();
                let mut at_start = true;
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        ',' if depth == 1 => {
                            at_start = true;
                            current.clear();
                            continue;
                        }
                        _ => {}
                    }
                    if depth == 1 && at_start {
                        if c.is_ascii_alphanumeric() || c == '_' {
                            current.push(c);
                        } else if !current.is_empty() {
                            out.insert(std::mem::take(&mut current));
                            at_start = false;
                        }
                    }
                }
                if !current.is_empty() {
                    out.insert(current);
                }
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        }
    }
    out
}

/// Top-level modules of a crate and what they refer to; a cycle among them is reported.
fn module_cycles(krate: &Path) -> Result<Vec<String>, String> {
    let src = krate.join("src");
    let lib = ["lib.rs", "main.rs"]
        .iter()
        .map(|f| src.join(f))
        .find(|p| p.exists())
        .ok_or_else(|| format!("{}: no lib.rs or main.rs", krate.display()))?;
    let root_text = std::fs::read_to_string(&lib).map_err(|e| e.to_string())?;
    // Names the crate root re-exports from its own modules (`pub use error::{…}`).
    let mut reexported: BTreeMap<String, String> = BTreeMap::new();
    for line in root_text.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("pub use ") {
            if let Some((module, names)) = rest.split_once("::") {
                for n in names.trim_matches(|c| "{};".contains(c)).split(',') {
                    reexported.insert(n.trim().to_string(), module.to_string());
                }
            }
        }
    }
    let mut files = Vec::new();
    rust_files(&src, &mut files)?;
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(&src).map_err(|e| e.to_string())?;
        let mut parts = rel.components();
        let first = parts
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        if first == "lib.rs" || first == "main.rs" || first == "bin" {
            continue;
        }
        let module = first.trim_end_matches(".rs").to_string();
        let top_level = rel.components().count() == 1
            || rel.ends_with("mod.rs") && rel.components().count() == 2;
        let text = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
        let edges = graph.entry(module.clone()).or_default();
        for name in referenced_roots(without_tests(&text), top_level) {
            let target = reexported.get(&name).cloned().unwrap_or(name);
            if target != module {
                edges.insert(target);
            }
        }
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for edges in graph.values_mut() {
        edges.retain(|m| modules.contains(m));
    }
    Ok(find_cycle(&graph)
        .map(|cycle| {
            vec![format!(
                "{}: module cycle {}",
                krate.file_name().unwrap_or_default().to_string_lossy(),
                cycle.join(" → ")
            )]
        })
        .unwrap_or_default())
}

/// One cycle of the graph, as the path that closes it, if there is any.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = path.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = path[start..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_string(), Mark::Open);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, marks, path) {
                return Some(c);
            }
        }
        path.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if let Some(c) = visit(node, graph, &mut marks, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

/// `name: &Database` or `name: &mut Database` (possibly path-qualified) in a file outside
/// `api/` and `storage/`.
fn database_parameters(src: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    rust_files(src, &mut files)?;
    let mut problems = Vec::new();
    for file in files {
        let rel = file.strip_prefix(src).map_err(|e| e.to_string())?;
        let first = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        if first == "api" || first == "storage" {
            continue;
        }
        let text = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
        for (n, line) in without_tests(&text).lines().enumerate() {
            let compact: String = line.split_whitespace().collect();
            let takes = [
                ":&Database",
                ":&mutDatabase",
                "storage::Database,",
                "storage::Database)",
            ]
            .iter()
            .any(|p| compact.contains(p))
                && !compact.starts_with("//");
            if takes {
                problems.push(format!(
                    "crates/hane-core/src/{}:{}: takes a Database below the api layer",
                    rel.display(),
                    n + 1
                ));
            }
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_read_from_paths_and_groups() {
        let code = "use crate::case::{A, B};\nuse crate::{error::Result, money};\nfn f(x: crate::rules::Y) {}\nlet a = xcrate::no;";
        let got: Vec<_> = referenced_roots(code, false).into_iter().collect();
        assert_eq!(got, ["case", "error", "money", "rules"]);
        assert!(referenced_roots("use super::labels;", true).contains("labels"));
        assert!(referenced_roots("use super::labels;", false).is_empty());
    }

    #[test]
    fn a_cycle_is_found_and_a_dag_passes() {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        g.entry("a".into()).or_default().insert("b".into());
        g.entry("b".into()).or_default().insert("c".into());
        g.entry("c".into()).or_default();
        assert_eq!(find_cycle(&g), None);
        g.entry("c".into()).or_default().insert("a".into());
        assert_eq!(find_cycle(&g).unwrap(), ["a", "b", "c", "a"]);
    }

    #[test]
    fn the_table_names_every_workspace_member() {
        let members = members("[workspace]\nmembers = [\n    \"crates/a\",\n    \"xtask\",\n]\n");
        assert_eq!(members, ["crates/a", "xtask"]);
        let real = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
        assert_eq!(crate_edges().unwrap(), Vec::<String>::new());
        assert_eq!(self::members(&real).len(), CRATES.len());
    }

    #[test]
    fn manifests_are_read() {
        let m = "[package]\nname = \"hane-core\"\n\n[dependencies]\nserde.workspace = true\nhane-domain = { workspace = true, features = [\"sqlite\"] }\nhane-pdf.workspace = true\n\n[dev-dependencies]\nhane-x.workspace = true\n";
        assert_eq!(package_name(m).unwrap(), "hane-core");
        assert_eq!(workspace_deps(m), ["hane-domain", "hane-pdf"]);
    }
}
