//! The Markdown pipeline: any text renders (headings, quotes anchored, raw HTML sanitized)
//! without a panic, and its sections cover the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planportal::render::render_markdown;

fuzz_target!(|text: &str| {
    // The last line also serves as a quote to anchor, as a target's `quote` would.
    let quote = text.lines().last().unwrap_or("");
    let rendered = render_markdown(text, &[quote, "95%"]);
    assert_eq!(rendered.quote_anchors.len(), 2);
    assert!(!rendered.sections.is_empty());
});
