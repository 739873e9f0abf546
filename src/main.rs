//! The `tahlil` binary: parses the arguments and dispatches to the library.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = tahlil::cli::Cli::parse();
    match tahlil::commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            if !matches!(e, tahlil::commands::CommandError::NoInput) {
                eprintln!("tahlil: {e:#}");
            }
            ExitCode::from(e.exit_code())
        }
    }
}

/// A closed pipe (`tahlil stats … | head`) ends the run quietly.
fn is_broken_pipe(e: &tahlil::commands::CommandError) -> bool {
    match e {
        tahlil::commands::CommandError::Runtime(err) => err.chain().any(|c| {
            c.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
                || c.downcast_ref::<tahlil::report::OutputError>()
                    .is_some_and(|o| o.io_kind() == Some(std::io::ErrorKind::BrokenPipe))
        }),
        _ => false,
    }
}
