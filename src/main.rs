//! The `fansite` command: parses the command line and hands over to the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use fansite::{BuildOptions, Error};

/// Rendering thousands of pages on every core allocates a lot from every thread at once,
/// where mimalloc is much faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A build is one short burst of allocation, tuned for it in two ways:
///
/// - memory freed by one stage is kept for the next rather than handed back to the system
///   after 10 ms (mimalloc's purge) and faulted in again;
/// - no transparent huge pages: the first touch of each one clears 2 MiB at once, and on a
///   virtual machine short of free huge pages it waits on compaction too. Measured on the
///   10,000-episode bench, that was up to a fifth of the whole build's CPU time, and the
///   most variable part of it.
#[allow(unsafe_code)]
fn tune_memory() {
    /// `mi_option_purge_delay` in both mimalloc 2 and 3; `-1` turns purging off.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: sets one integer option, which mimalloc reads atomically from any thread.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
    // mimalloc has already asked for huge pages when `main` starts; this process-wide flag
    // is read at each page fault, so it also covers the memory mapped before.
    #[cfg(target_os = "linux")]
    // SAFETY: `PR_SET_THP_DISABLE` takes integer arguments only and changes no memory.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0)
    };
}

/// A static-site generator for documentary fan sites.
#[derive(Debug, Parser)]
#[command(version, about, propagate_version = true)]
struct Cli {
    /// The site's folder, holding `site.toml`.
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder (`public/`).
    Build {
        /// Where to write the site, instead of `public/` under the site's folder.
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Serve the site from this address instead of `base_url` in site.toml.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Include pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Replace an output folder that holds files fansite did not write.
        #[arg(long)]
        force: bool,
    },
    /// Check the site for every error a build would find, without writing anything.
    Check {
        /// Check with this `base_url` instead of the one in site.toml.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Include pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Make a new site in DIR from an encyclopedia-style plain-text article.
    Import {
        /// The article, plain UTF-8 text.
        article: PathBuf,
        /// The folder of the new site; it must not exist, or be empty.
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    tune_memory();
    let cli = Cli::parse();
    let styled = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let subject = match cli.command {
        Command::Import { .. } => "the article",
        _ => "the site",
    };
    let result = match cli.command {
        Command::Build {
            output,
            base_url,
            drafts,
            force,
        } => {
            let options = BuildOptions {
                output,
                base_url,
                drafts,
                force,
                ..BuildOptions::new(cli.root)
            };
            fansite::build(&options).map(|summary| summary.to_string())
        }
        Command::Check { base_url, drafts } => {
            let options = BuildOptions {
                base_url,
                drafts,
                ..BuildOptions::new(cli.root)
            };
            fansite::check(&options).map(|summary| summary.to_string())
        }
        Command::Import { article, dir } => {
            fansite::import::import(&article, &dir).map(|imported| imported.to_string())
        }
    };
    match result {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(Error::Site(diagnostics)) => {
            for diagnostic in &diagnostics {
                eprintln!("{}\n", diagnostic.render(styled));
            }
            let count = diagnostics.len();
            eprintln!(
                "error: {subject} has {count} error{}; nothing was written",
                if count == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
        Err(Error::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
