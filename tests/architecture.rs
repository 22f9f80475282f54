//! The house has four floors and arrows run downward only:
//! `cli`/`ui` → `app` → `store` → `domain`. This reads the `use` lines and
//! paths of every production file (test modules are exempt: they may borrow
//! helpers from anywhere) and names each arrow that points the wrong way.

use std::path::{Path, PathBuf};

/// For each floor: the crate paths and external names its files may not use.
const RULES: &[(&str, &[&str])] = &[
    (
        "domain",
        &[
            "crate::store",
            "crate::app",
            "crate::cli",
            "crate::ui",
            "crate::dev",
            "iced",
            "std::fs",
            "rusqlite",
            "std::env",
            "Utc::now",
            "Local::now",
        ],
    ),
    ("store", &["crate::app", "crate::cli", "crate::ui", "iced"]),
    ("app", &["crate::cli", "crate::ui", "iced"]),
    ("cli", &["crate::store", "crate::ui", "iced"]),
    (
        "ui",
        &[
            "crate::store",
            "crate::cli",
            "std::fs",
            "File::open",
            "File::create",
        ],
    ),
    ("dev", &["crate::cli", "crate::ui", "iced"]),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The production part of a file: everything before its test module, and
/// no `tests.rs` files at all.
fn production_code(path: &Path) -> Option<String> {
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return None;
    }
    let text = std::fs::read_to_string(path).unwrap();
    let end = text.find("#[cfg(test)]").unwrap_or(text.len());
    Some(
        text[..end]
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

fn uses(code: &str, name: &str) -> bool {
    // A whole path segment: `crate::store` but not `crate::store_thing`.
    code.match_indices(name).any(|(i, _)| {
        let before = code[..i].chars().next_back();
        let after = code[i + name.len()..].chars().next();
        let boundary = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        boundary(before) && boundary(after)
    })
}

#[test]
fn arrows_run_downward_only() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (floor, forbidden) in RULES {
        let mut files = Vec::new();
        rust_files(&src.join(floor), &mut files);
        assert!(!files.is_empty(), "src/{floor} has no files");
        for file in files {
            let Some(code) = production_code(&file) else {
                continue;
            };
            for name in *forbidden {
                if uses(&code, name) {
                    wrong.push(format!(
                        "{} uses {name}",
                        file.strip_prefix(&src).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "arrows that point the wrong way:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn src_has_only_the_floors_at_the_top() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut loose: Vec<String> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".rs") && n != "lib.rs" && n != "main.rs")
        .collect();
    loose.sort();
    assert!(
        loose.is_empty(),
        "loose files at the top of src/: {loose:?}"
    );
}
