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
        None => between::ui::run(),
    }
}
