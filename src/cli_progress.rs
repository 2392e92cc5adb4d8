//! Progress of long runs on the command line: a bar on a terminal, plain lines otherwise (CI logs),
//! nothing with `--quiet`.

use indicatif::{ProgressBar, ProgressStyle};
use planportal::Progress;
use planportal::diagnostics::Lang;
use std::io::IsTerminal;

/// The progress display fitting where standard error goes.
pub fn reporter(quiet: bool, lang: Lang) -> Box<dyn Progress> {
    if quiet {
        Box::new(planportal::Silent)
    } else if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(0);
        let style = ProgressStyle::with_template("{msg:>18} [{bar:30}] {pos}/{len}")
            .expect("a valid template")
            .progress_chars("=> ");
        bar.set_style(style);
        Box::new(Bar { bar, lang })
    } else {
        Box::new(Lines { lang })
    }
}

/// What a stage is called on screen.
fn label(stage: &str, lang: Lang) -> &'static str {
    match (stage, lang) {
        ("load", Lang::Vi) => "Đọc tệp",
        ("parse", Lang::Vi) => "Kiểm tra nội dung",
        ("graph", Lang::Vi) => "Liên kết",
        ("render", Lang::Vi) => "Dựng trang",
        ("search index", Lang::Vi) => "Chỉ mục tìm kiếm",
        ("write", Lang::Vi) => "Ghi tệp",
        ("load", Lang::En) => "Reading files",
        ("parse", Lang::En) => "Checking content",
        ("graph", Lang::En) => "Linking",
        ("render", Lang::En) => "Rendering pages",
        ("search index", Lang::En) => "Search index",
        ("write", Lang::En) => "Writing files",
        _ => "…",
    }
}

/// A bar redrawn in place on a terminal.
struct Bar {
    bar: ProgressBar,
    lang: Lang,
}

impl Progress for Bar {
    fn begin(&self, stage: &'static str, total: usize) {
        self.bar.set_message(label(stage, self.lang));
        self.bar.set_length(total as u64);
        self.bar.set_position(0);
    }

    fn advance(&self, done: usize) {
        self.bar.inc(done as u64);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// One line per stage, for logs that are not a terminal.
struct Lines {
    lang: Lang,
}

impl Progress for Lines {
    fn begin(&self, stage: &'static str, total: usize) {
        match total {
            0 => eprintln!("{}…", label(stage, self.lang)),
            n => eprintln!("{}: {n}…", label(stage, self.lang)),
        }
    }

    fn advance(&self, _done: usize) {}
}
