//! The `fansite` command: parses the command line and hands over to the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use fansite::error::render_message;
use fansite::scaffold;
use fansite::{BuildOptions, Diagnostic, Error};

/// Rendering thousands of pages on every core allocates a lot from every thread at once,
/// where mimalloc is much faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A build is one short burst of allocation, tuned for it in two ways:
///
/// - memory freed by one stage is kept for the next rather than handed back to the system
///   after 10 ms (mimalloc's purge) and faulted in again; not for `serve`, which lives on
///   and rebuilds, and would keep the peak of every build;
/// - no transparent huge pages: the first touch of each one clears 2 MiB at once, and on a
///   virtual machine short of free huge pages it waits on compaction too. Measured on the
///   10,000-episode bench, that was up to a fifth of the whole build's CPU time, and the
///   most variable part of it.
#[allow(unsafe_code)]
fn tune_memory(long_running: bool) {
    /// `mi_option_purge_delay` in both mimalloc 2 and 3; `-1` turns purging off.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    if !long_running {
        // SAFETY: sets one integer option, which mimalloc reads atomically from any thread.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
    }
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
        /// Fail on warnings too, as on errors (for CI).
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Check the site for every error a build would find, without writing anything.
    Check {
        /// Check with this `base_url` instead of the one in site.toml.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Include pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Fail on warnings too, as on errors (for CI).
        #[arg(long, alias = "deny-warnings")]
        strict: bool,
    },
    /// Build the site in memory, serve it, and rebuild and reload the pages on every change.
    Serve {
        /// The port to listen on (0: any free port).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// The address to listen on: 0.0.0.0 or :: for every network.
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
        bind: std::net::IpAddr,
        /// Also answer requests for this host name (a tunnel's, a container's).
        #[arg(long, value_name = "NAME")]
        allowed_host: Vec<String>,
        /// Include pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Make a new site in DIR that builds at once: site.toml, a home page, one episode.
    Init {
        /// The folder of the new site; it must not exist, or be empty.
        dir: PathBuf,
        /// The site's title (the folder's name when left out).
        #[arg(long)]
        title: Option<String>,
        /// Add the GitHub Actions workflow that publishes the site to GitHub Pages.
        #[arg(long)]
        github_pages: bool,
    },
    /// Write a new episode, person page or page, with its front matter filled in.
    New {
        /// What to write.
        kind: NewKind,
        /// Its title (a person's name).
        title: String,
        /// Make it a folder of its own, `<slug>/index.md`, for its pictures and files.
        #[arg(long)]
        bundle: bool,
    },
    /// Work with the default theme.
    Theme {
        #[command(subcommand)]
        command: ThemeCommand,
    },
    /// Make a new site in DIR from an encyclopedia-style plain-text article.
    Import {
        /// The article, plain UTF-8 text.
        article: PathBuf,
        /// The folder of the new site; it must not exist, or be empty.
        dir: PathBuf,
    },
}

/// What `fansite new` writes.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum NewKind {
    /// content/episodes/<slug>.md, with the next weight.
    Episode,
    /// content/people/<slug>.md, a person's own text.
    Person,
    /// content/<slug>.md.
    Page,
}

#[derive(Debug, Subcommand)]
enum ThemeCommand {
    /// Copy the default theme's files into the site to edit them (all without a NAME).
    Eject {
        /// A file of the theme: `page.html`, `style.css`, `labels/en.toml`.
        names: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tune_memory(matches!(cli.command, Command::Serve { .. }));
    let styled = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    // An article's diagnostics name it as it was given; a site's files are named from the
    // site's folder.
    let (subject, shown_root) = match cli.command {
        Command::Import { .. } => ("the article", PathBuf::new()),
        Command::Init { .. } => ("the site", PathBuf::new()),
        _ => ("the site", shown_root(&cli.root)),
    };
    if let Command::Serve { .. } = cli.command {
        return serve(cli, shown_root, styled);
    }
    let result = run(cli.command, cli.root);
    let print = |diagnostic: &Diagnostic| {
        let shown = diagnostic.clone().under(&shown_root);
        eprintln!("{}\n", shown.render(styled));
    };
    match result {
        Ok(Done { report, warnings }) => {
            warnings.iter().for_each(print);
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(Error::Site(diagnostics)) => {
            diagnostics.iter().for_each(print);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = match diagnostics.len() - errors {
                0 => String::new(),
                n => format!(" and {}", counted(n, "warning")),
            };
            let summary = format!(
                "{subject} has {}{warnings}; nothing was written",
                counted(errors, "error")
            );
            eprintln!("{}", render_message(&summary, styled));
            ExitCode::from(1)
        }
        Err(Error::Usage(message)) => {
            eprintln!("{}", render_message(&message, styled));
            ExitCode::from(2)
        }
    }
}

/// Runs `fansite serve` until it is stopped.
fn serve(cli: Cli, shown_root: PathBuf, styled: bool) -> ExitCode {
    let Command::Serve {
        port,
        bind,
        allowed_host,
        drafts,
        open,
    } = cli.command
    else {
        return ExitCode::from(2);
    };
    let options = fansite::serve::ServeOptions {
        build: BuildOptions {
            drafts,
            ..BuildOptions::new(&cli.root)
        },
        bind,
        port,
        allowed_hosts: allowed_host,
        open,
        shown_root,
        styled,
    };
    match fansite::serve::serve(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}", render_message(&error.to_string(), styled));
            ExitCode::from(2)
        }
    }
}

/// What a command did: its report for standard output, and the warnings it found.
struct Done {
    report: String,
    warnings: Vec<Diagnostic>,
}

impl Done {
    /// A report with no warnings.
    fn report(report: impl std::fmt::Display) -> Done {
        Done {
            report: report.to_string(),
            warnings: Vec::new(),
        }
    }
}

/// Runs `command` on the site at `root`.
fn run(command: Command, root: PathBuf) -> Result<Done, Error> {
    let summary = match command {
        Command::Build {
            output,
            base_url,
            drafts,
            force,
            deny_warnings,
        } => fansite::build(&BuildOptions {
            output,
            base_url,
            drafts,
            force,
            deny_warnings,
            ..BuildOptions::new(root)
        })?,
        Command::Check {
            base_url,
            drafts,
            strict,
        } => fansite::check(&BuildOptions {
            base_url,
            drafts,
            deny_warnings: strict,
            ..BuildOptions::new(root)
        })?,
        Command::Import { article, dir } => {
            return Ok(Done::report(fansite::import::import(&article, &dir)?));
        }
        Command::Init {
            dir,
            title,
            github_pages,
        } => {
            let written = scaffold::init(&dir, title.as_deref(), github_pages)?;
            return Ok(Done::report(written));
        }
        Command::New {
            kind,
            title,
            bundle,
        } => {
            let kind = match kind {
                NewKind::Episode => scaffold::Kind::Episode,
                NewKind::Person => scaffold::Kind::Person,
                NewKind::Page => scaffold::Kind::Page,
            };
            return Ok(Done::report(scaffold::new_content(
                &root, kind, &title, bundle,
            )?));
        }
        Command::Theme {
            command: ThemeCommand::Eject { names },
        } => return Ok(Done::report(scaffold::eject(&root, &names)?)),
        // `main` runs it, since it never ends with a report.
        Command::Serve { .. } => return Err(Error::Usage("serve runs on its own".into())),
    };
    Ok(Done {
        report: summary.to_string(),
        warnings: summary.warnings,
    })
}

/// The site's folder as diagnostics name it, from the folder the command runs in: empty
/// for the current folder, else as relative as it can be (`mysite`).
fn shown_root(root: &std::path::Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    let absolute = if root.is_absolute() {
        root.to_path_buf()
    } else {
        cwd.join(root)
    };
    let clean: PathBuf = absolute.components().collect();
    match clean.strip_prefix(&cwd) {
        Ok(inside) => inside.to_path_buf(),
        Err(_) => root.to_path_buf(),
    }
}

/// `1 error`, `2 errors`.
fn counted(count: usize, thing: &str) -> String {
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {thing}{plural}")
}
