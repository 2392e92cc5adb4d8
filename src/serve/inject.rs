//! What the dev server adds to the HTML pages it serves (never to the built files): the live-reload
//! script and, on draft plans, a visible "draft" banner.

/// The live-reload and error-overlay script.
pub const RELOAD_JS: &str = include_str!("reload.js");

/// The banner shown on draft plan pages in serve mode.
pub const DRAFT_BANNER: &str = "<p class=\"planportal-du-thao\" role=\"note\" style=\"margin:0 0 1rem;\
padding:.6rem 1rem;background:#fff3cd;color:#4d3200;border:2px solid #a35f00;border-radius:4px;\
font-weight:700;font-size:1.1rem\">Dự thảo — chưa ban hành</p>";

/// Adds the reload script (tagged with the build `version` the page comes from) before the last
/// `</body>`, and, when `draft`, the banner at the start of `<main>` (or of `<body>`).
pub fn inject(html: &str, version: u64, draft: bool) -> String {
    let script = format!("<script data-planportal-version=\"{version}\">\n{RELOAD_JS}</script>\n");
    let mut out = String::with_capacity(html.len() + script.len() + DRAFT_BANNER.len());
    let lower = html.to_ascii_lowercase();
    let banner_at = if draft {
        open_tag_end(&lower, "<main").or_else(|| open_tag_end(&lower, "<body"))
    } else {
        None
    };
    let script_at = lower.rfind("</body").unwrap_or(html.len());
    let mut done = 0;
    if let Some(at) = banner_at.filter(|&at| at <= script_at) {
        out.push_str(&html[..at]);
        out.push_str(DRAFT_BANNER);
        done = at;
    } else if draft {
        out.push_str(DRAFT_BANNER);
    }
    out.push_str(&html[done..script_at]);
    out.push_str(&script);
    out.push_str(&html[script_at..]);
    out
}

/// Byte offset just after the `>` of the first `<tag …>` (`tag` given with its `<`, lowercase).
fn open_tag_end(lower: &str, tag: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = lower[from..].find(tag) {
        let start = from + found;
        let after = start + tag.len();
        // `<main>` or `<main …>`, not `<mainframe>`.
        if matches!(
            lower.as_bytes().get(after),
            Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')
        ) {
            return lower[after..].find('>').map(|end| after + end + 1);
        }
        from = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!DOCTYPE html><html><body class=\"x\">\n<header>h</header>\n<main id=\"noi-dung\" class=\"wrap\">\n<h1>T</h1>\n</main>\n</body>\n</html>";

    #[test]
    fn script_goes_before_the_last_body_end_with_the_version() {
        let out = inject(PAGE, 7, false);
        let script = out.find("<script data-planportal-version=\"7\">").unwrap();
        assert!(script < out.rfind("</body>").unwrap());
        assert!(out.contains("/__planportal/events"));
        assert!(!out.contains("Dự thảo"));
        assert_eq!(out.matches("<main").count(), 1);
    }

    #[test]
    fn draft_banner_opens_main() {
        let out = inject(PAGE, 1, true);
        assert!(out.contains(&format!(
            "<main id=\"noi-dung\" class=\"wrap\">{DRAFT_BANNER}"
        )));
        assert!(out.contains("Dự thảo — chưa ban hành"));
    }

    #[test]
    fn pages_without_body_or_main_still_get_both() {
        let out = inject("<p>x</p>", 2, true);
        assert!(out.starts_with(DRAFT_BANNER));
        assert!(out.contains("<p>x</p><script"));
        let out = inject("<BODY><mainframe></mainframe></BODY>", 2, true);
        assert!(out.starts_with(&format!("<BODY>{DRAFT_BANNER}<mainframe>")));
    }

    #[test]
    fn the_script_cannot_close_its_own_tag() {
        assert!(!RELOAD_JS.to_ascii_lowercase().contains("</script"));
    }
}
