//! Command line of `planportal serve`: the development server of [`planportal::serve`].

use clap::Args;
use planportal::serve::{self, ServeOptions};
use std::path::PathBuf;
use std::process::ExitCode;

/// `planportal serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// Portal directory (with site.yaml, content/, data/, themes/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Serve under the path of this address (https://xa.example.gov.vn/cchc/ → /cchc/).
    #[arg(long)]
    base_url: Option<String>,
    /// Hide drafts (status: du-thao). By default the preview shows them, marked with a banner, so an
    /// editor sees a plan before it is published.
    #[arg(long)]
    no_drafts: bool,
}

/// Runs the server until Ctrl-C; exit code 2 when it cannot start.
pub fn serve(args: &ServeArgs) -> ExitCode {
    let options = ServeOptions {
        root: args.root.clone(),
        port: args.port,
        base_url: args.base_url.clone(),
        drafts: !args.no_drafts,
        current_year: Some(i32::from(jiff::Zoned::now().year())),
    };
    match serve::serve(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("lỗi: {error}");
            ExitCode::from(2)
        }
    }
}
