//! The man pages and shell completions, generated from the clap definitions
//! so they can never drift from the real commands. `.ci/package.sh` runs the
//! hidden `between dev-gen-docs DIR` and the `.deb` ships what it writes.

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::{Generator, Shell};

use crate::cli::Cli;

/// The shells whose completions the package installs.
pub const SHELLS: [Shell; 3] = [Shell::Bash, Shell::Zsh, Shell::Fish];

/// A generated file and where it goes, relative to the output folder.
#[derive(Debug, Clone)]
pub struct GeneratedFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl GeneratedFile {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

/// `man/between.1` plus one page per visible subcommand (`man/between-held-sent.1`, …),
/// which the top page's SUBCOMMANDS section refers to.
pub fn man_pages() -> Result<Vec<GeneratedFile>, String> {
    // No `help` subcommand page: `between help` is not something to read about.
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let mut pages = Vec::new();
    collect_man_pages(&command, &mut pages)?;
    Ok(pages)
}

fn collect_man_pages(
    command: &clap::Command,
    pages: &mut Vec<GeneratedFile>,
) -> Result<(), String> {
    let man = clap_mangen::Man::new(command.clone());
    let mut bytes = Vec::new();
    man.render(&mut bytes)
        .map_err(|e| format!("could not render the man page: {e}"))?;
    pages.push(GeneratedFile {
        path: Path::new("man").join(man.get_filename()),
        bytes,
    });
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect_man_pages(sub, pages)?;
    }
    Ok(())
}

/// The completion script for one shell, under `completions/` with the
/// file name that shell's convention expects (`between.bash`, `_between`, `between.fish`).
pub fn completion(shell: Shell) -> GeneratedFile {
    let mut command = Cli::command();
    let name = command.get_name().to_string();
    let mut bytes = Vec::new();
    clap_complete::generate(shell, &mut command, &name, &mut bytes);
    GeneratedFile {
        path: Path::new("completions").join(shell.file_name(&name)),
        bytes,
    }
}

/// Every man page and completion script.
pub fn all() -> Result<Vec<GeneratedFile>, String> {
    let mut files = man_pages()?;
    files.extend(SHELLS.map(completion));
    Ok(files)
}

/// Writes [`all`] under `dir`, printing each path.
pub fn generate(dir: &Path) -> Result<(), String> {
    for file in all()? {
        let path = dir.join(&file.path);
        crate::app::desktop::write_generated(&path, &file.bytes)
            .map_err(|e| format!("could not write {}: {e}", path.display()))?;
        println!("{}", path.display());
    }
    Ok(())
}
