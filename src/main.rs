use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    between::store::paths::restrict_umask();
    between::store::paths::disable_core_dumps();
    between::app::logging::init();
    // A panic message could quote data; print a fixed line instead.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "between: internal error{place}. Your saved entries are safe; please report this."
        );
    }));
    let cli = between::cli::Cli::parse();
    match cli.command {
        Some(command) => {
            // `between list | head` should end quietly when head stops
            // reading, like any Unix tool, not panic on a closed pipe.
            // Only for commands: the window keeps Rust's default.
            unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
            between::cli::run(command)
        }
        None if no_display() => {
            use clap::CommandFactory;
            // Printed like a command's output: end quietly on a closed pipe.
            unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
            eprintln!(
                "between: no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window cannot open.\nUse the commands instead, for example `between add` and `between list`:\n"
            );
            eprintln!("{}", between::cli::Cli::command().render_help());
            ExitCode::from(2)
        }
        None => between::ui::run(),
    }
}

/// Whether there is no graphical display to open the window on (over SSH,
/// on a console). macOS and Windows always have one.
fn no_display() -> bool {
    if cfg!(any(target_os = "macos", windows)) {
        return false;
    }
    let unset = |name: &str| std::env::var_os(name).is_none_or(|v| v.is_empty());
    unset("DISPLAY") && unset("WAYLAND_DISPLAY")
}
