//! Command line of planportal: parse arguments, call the library, map errors to exit codes.

use clap::{Parser, Subcommand};
use planportal::{BuildOptions, Error, diagnostics};
use std::path::PathBuf;
use std::process::ExitCode;

/// Static site generator for Vietnamese public administration reform plans.
#[derive(Parser)]
#[command(name = "planportal", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
    },
    /// Check every source file, drafts included, and report all problems, without writing anything.
    Check {
        /// Portal directory.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
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
            planportal::build(&options).map(|summary| {
                let out = out.clone().unwrap_or_else(|| root.join("public"));
                println!(
                    "Đã xuất bản {} xã/phường, {} kế hoạch, {} chỉ tiêu ({} tệp) vào {}",
                    summary.communes,
                    summary.plans,
                    summary.targets,
                    summary.files,
                    out.display()
                );
                if *timings {
                    for (stage, duration) in &summary.timings {
                        eprintln!("{stage:>14}: {:>8.2} s", duration.as_secs_f64());
                    }
                }
            })
        }
        Command::Check { root } => planportal::check(root).map(|summary| {
            println!(
                "Không có lỗi: {} xã/phường, {} kế hoạch, {} chỉ tiêu.",
                summary.communes, summary.plans, summary.targets
            );
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Invalid(problems)) => {
            eprint!("{}", diagnostics::report(&problems));
            if matches!(cli.command, Command::Build { .. }) {
                eprintln!("Chưa xuất bản gì: bản đã xuất bản trước đó vẫn giữ nguyên.");
            }
            ExitCode::from(1)
        }
        Err(error) => {
            eprintln!("lỗi: {error}");
            ExitCode::from(2)
        }
    }
}
