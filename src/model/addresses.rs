//! Web addresses editors write that become links: a commune's `portal` and the data licence's
//! `license.path`. Only `http://` and `https://` addresses are accepted: anything else
//! (`javascript:`, `data:`, `vbscript:`) would publish a link that runs script when followed.

use super::{Portal, Step, YamlSource, locate};
use crate::diagnostics::Diagnostics;
use crate::load::Sources;
use rustc_hash::FxHashMap;
use std::path::Path;

/// Checks every web address of the portal; one error per address that is not http(s).
pub(super) fn check_addresses(
    portal: &Portal,
    sources: &Sources,
    content_by_path: &FxHashMap<&Path, &crate::load::ContentFile>,
) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    if let (Some(site), Some(path)) = (
        &sources.site,
        portal.config.license.as_ref().and_then(|l| l.path.as_ref()),
    ) {
        let source = YamlSource {
            file: &site.path,
            file_text: &site.text,
            yaml: &site.text,
            first_line: 1,
        };
        check(
            source,
            &[Step::Key("license"), Step::Key("path")],
            path,
            &mut diagnostics,
        );
    }
    for commune in &portal.communes {
        let (Some(portal), Some(file)) = (
            &commune.meta.portal,
            content_by_path.get(commune.source.as_path()),
        ) else {
            continue;
        };
        let source = YamlSource {
            file: &file.path,
            file_text: &file.text,
            yaml: file.front_matter(),
            first_line: file.split.yaml_line,
        };
        check(source, &[Step::Key("portal")], portal, &mut diagnostics);
    }
    diagnostics
}

/// Whether `address` is an absolute `http://` or `https://` address with a host.
fn is_web_address(address: &str) -> bool {
    let address = address.trim();
    ["http://", "https://"].iter().any(|scheme| {
        address.len() > scheme.len()
            && address.is_char_boundary(scheme.len())
            && address[..scheme.len()].eq_ignore_ascii_case(scheme)
    })
}

fn check(source: YamlSource<'_>, path: &[Step<'_>], address: &str, diagnostics: &mut Diagnostics) {
    if is_web_address(address) {
        return;
    }
    let key = path
        .iter()
        .filter_map(|step| match step {
            Step::Key(key) => Some(*key),
            Step::Index(_) => None,
        })
        .collect::<Vec<_>>()
        .join(".");
    let (line, column) = locate(source.yaml, path);
    diagnostics.push(
        source
            .diagnostic_at(
                "invalid-url",
                line,
                column,
                format!("“{key}” phải là một địa chỉ web bắt đầu bằng http:// hoặc https://, không phải “{address}”"),
                format!("“{key}” must be a web address starting with http:// or https://, not “{address}”"),
            )
            .with_help(
                "ghi đầy đủ địa chỉ, ví dụ https://xa.example.gov.vn/",
                "write the whole address, e.g. https://xa.example.gov.vn/",
            ),
    );
}

#[cfg(test)]
mod tests {
    use super::is_web_address;

    #[test]
    fn only_http_and_https_addresses_with_a_host_are_web_addresses() {
        for good in ["https://xa.gov.vn/", "http://x", " HTTPS://Xa.gov.vn "] {
            assert!(is_web_address(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript://x%0aalert(1)",
            "data:text/html,x",
            "vbscript:x",
            "//xa.gov.vn",
            "xa.gov.vn",
            "https://",
            "",
            "httpsé://x",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }
}
