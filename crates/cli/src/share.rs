//! `dra-playground share`: the playground link of a scenario, and back
//! (`--decode`), so that scripts and documentation can make and check the
//! links people open in the browser (`dra_engine::share_link`).

use std::path::PathBuf;
use std::process::ExitCode;

use dra_engine::share_link;

use crate::input;

/// Arguments of `share`.
#[derive(clap::Args)]
pub struct ShareArgs {
    /// The scenario file (`-` for standard input); with `--decode`, the link.
    input: String,
    /// The playground's address, put before the fragment.
    #[arg(long, default_value = "", conflicts_with = "decode")]
    base: String,
    /// Prints the scenario a link (a whole URL, or its `#scenario=v1:...`
    /// fragment) carries instead of making one.
    #[arg(long)]
    decode: bool,
}

/// Prints the link, or with `--decode` the scenario.
pub fn run(args: &ShareArgs) -> ExitCode {
    if args.decode {
        return match share_link::from_link(&args.input) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("the link cannot be read: {e}");
                ExitCode::from(crate::EXIT_INVALID_INPUT)
            }
        };
    }
    match input::read_or_report(&PathBuf::from(&args.input)) {
        Ok(input) => {
            println!("{}{}", args.base, share_link::fragment(&input.text));
            ExitCode::SUCCESS
        }
        Err(status) => status,
    }
}
