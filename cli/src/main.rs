//! The `concord` command: see [`concord_cli`] for the subcommands.

fn main() {
    std::process::exit(concord_cli::main_with_args(std::env::args_os()));
}
