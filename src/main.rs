//! Command line of planportal: parse arguments, call the library, map errors to exit codes.

mod cli_import;
mod cli_progress;
mod cli_scaffold;
mod cli_serve;

use clap::{Parser, Subcommand};
use planportal::diagnostics::{self, JsonReport, Lang};
use planportal::{BuildOptions, Error};
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc: faster than the system allocator for the build's many small allocations (YAML
/// values, template contexts), and it returns freed memory to the system, which keeps the peak
/// resident size of a national build down (measured in docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Static site generator for Vietnamese public administration reform plans.
#[derive(Parser)]
#[command(name = "planportal", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print how long each stage took (build, check).
    #[arg(long, short, global = true)]
    verbose: bool,
    /// Language of messages and diagnostics: vi (default) or en.
    #[arg(long, global = true, default_value = "vi")]
    lang: Lang,
}

/// How `check` prints what it found.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// For people: each problem with its line, then a count (on standard error).
    Text,
    /// `{"errors": [...], "warnings": [...]}` on standard output, for CI.
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Build the portal into a static website (atomically: a failed build keeps the old output).
    Build {
        /// Portal directory (with site.yaml, content/, data/, themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output directory [default: <root>/public].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Public address, may include a sub-path (https://xa.example.gov.vn/cchc/).
        #[arg(long)]
        base_url: Option<String>,
        /// Also publish drafts (status: du-thao).
        #[arg(long)]
        drafts: bool,
        /// Print how long each stage took (same as --verbose).
        #[arg(long)]
        timings: bool,
    },
    /// Check every source file, drafts included, and report all problems, without writing anything.
    Check {
        /// Portal directory.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Create a commune or a plan skeleton for editors (never overwrites a file).
    New {
        #[command(subcommand)]
        what: cli_scaffold::NewCommand,
    },
    /// List the indicator catalogue (data/indicators.yaml) grouped by reform area.
    Indicators(cli_scaffold::IndicatorsArgs),
    /// Serve the portal locally, rebuilding and reloading open pages on every change.
    Serve(cli_serve::ServeArgs),
    /// Turn a plan as the office has it (.docx, or text from Word/PDF) into a draft plan file.
    Import(cli_import::ImportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Command::New { what } => return cli_scaffold::new(what, cli.quiet),
        Command::Indicators(args) => return cli_scaffold::indicators(args),
        Command::Check { root, format } => return check(root, *format, &cli),
        Command::Serve(args) => return cli_serve::serve(args),
        Command::Import(args) => return cli_import::run(args, cli.quiet, current_year()),
        _ => {}
    }
    let result = match &cli.command {
        Command::Build {
            root,
            out,
            base_url,
            drafts,
            timings,
        } => {
            let options = BuildOptions {
                root: root.clone(),
                out: out.clone(),
                base_url: base_url.clone(),
                drafts: *drafts,
            };
            let progress = cli_progress::reporter(cli.quiet, cli.lang);
            let built = planportal::build_with_progress(&options, Some(current_year()), &*progress);
            drop(progress);
            built.map(|summary| {
                let out = out.clone().unwrap_or_else(|| root.join("public"));
                if cli.quiet {
                    return;
                }
                if !summary.warnings.is_empty() {
                    eprint!("{}", diagnostics::report_in(&summary.warnings, cli.lang));
                }
                let (s, n) = (&summary, out.display());
                match cli.lang {
                    Lang::Vi => println!(
                        "Đã xuất bản {} xã/phường, {} kế hoạch, {} chỉ tiêu ({} tệp) vào {n}",
                        s.communes, s.plans, s.targets, s.files
                    ),
                    Lang::En => println!(
                        "Published {}, {}, {} ({}) to {n}",
                        english(s.communes, "commune"),
                        english(s.plans, "plan"),
                        english(s.targets, "target"),
                        english(s.files, "file")
                    ),
                }
                if *timings || cli.verbose {
                    print_timings(&summary.timings);
                }
            })
        }
        Command::Check { .. }
        | Command::New { .. }
        | Command::Indicators(_)
        | Command::Serve(_)
        | Command::Import(_) => {
            unreachable!("handled above")
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Invalid(problems)) => {
            eprint!("{}", diagnostics::report_in(&problems, cli.lang));
            if matches!(cli.command, Command::Build { .. }) {
                eprintln!(
                    "{}",
                    match cli.lang {
                        Lang::Vi => "Chưa xuất bản gì: bản đã xuất bản trước đó vẫn giữ nguyên.",
                        Lang::En =>
                            "Nothing was published: the previously published output is unchanged.",
                    }
                );
            }
            ExitCode::from(1)
        }
        Err(Error::Write(error)) => {
            eprintln!("{}: {}", error_label(cli.lang), error.message(cli.lang));
            ExitCode::from(2)
        }
    }
}

/// “lỗi” or “error”.
fn error_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "lỗi",
        Lang::En => "error",
    }
}

/// `planportal check`: every error and warning, drafts included, nothing written. Exit code 0
/// when there is no error (warnings only, or nothing), 1 when there are errors.
fn check(root: &std::path::Path, format: Format, cli: &Cli) -> ExitCode {
    let options = BuildOptions {
        root: root.to_path_buf(),
        out: None,
        base_url: None,
        drafts: true,
    };
    let report = planportal::check_with(&options, Some(current_year()));
    match format {
        Format::Json => {
            print!(
                "{}",
                JsonReport::new(&report.diagnostics, cli.lang).to_json()
            );
        }
        Format::Text => {
            let shown: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| !cli.quiet || d.is_error())
                .cloned()
                .collect();
            if !shown.is_empty() {
                eprint!("{}", diagnostics::report_in(&shown, cli.lang));
            }
            if let Some(s) = report.summary.as_ref().filter(|_| !cli.quiet) {
                match cli.lang {
                    Lang::Vi => println!(
                        "Không có lỗi: {} xã/phường, {} kế hoạch, {} chỉ tiêu.",
                        s.communes, s.plans, s.targets
                    ),
                    Lang::En => println!(
                        "No errors: {}, {}, {}.",
                        english(s.communes, "commune"),
                        english(s.plans, "plan"),
                        english(s.targets, "target")
                    ),
                }
                if cli.verbose {
                    print_timings(&s.timings);
                }
            }
        }
    }
    if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `1 plan`, `2 plans`.
fn english(count: usize, noun: &str) -> String {
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {noun}{plural}")
}

/// The year of the local clock: the command line is the only place that reads it, so that the
/// library's output depends only on its inputs.
fn current_year() -> i32 {
    i32::from(jiff::Zoned::now().year())
}

/// Prints how long each stage took, on standard error (`--verbose`, `--timings`).
fn print_timings(timings: &[(&'static str, std::time::Duration)]) {
    for (stage, duration) in timings {
        eprintln!("{stage:>14}: {:>8.2} s", duration.as_secs_f64());
    }
}
