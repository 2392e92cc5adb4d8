//! The site configuration, `site.yaml` at the portal root.

use serde::{Deserialize, Serialize};

/// Settings of one portal.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Portal title shown in the header and the feed.
    pub title: String,
    /// One-sentence description for the home page and search engines.
    #[serde(default)]
    pub description: Option<String>,
    /// Public address of the portal, may contain a sub-path (`https://xa.gov.vn/cchc/`).
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// Language tag of the interface.
    #[serde(default = "default_language")]
    pub language: String,
    /// Folder name under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// The body that runs the portal, shown in the footer.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Restricts publication to some provinces or communes (folder names folded to slugs, e.g. `tue-tinh`); everything when empty.
    #[serde(default)]
    pub publish: Publish,
    /// Licence of the open data published under `du-lieu/`: written into `datapackage.json` and
    /// shown on the data page.
    #[serde(default)]
    pub license: Option<License>,
    /// Where the web editor at `/admin/` (Decap CMS) saves: see [`Admin`]. Absent: the local
    /// backend (`decap-server` on the editor's own machine).
    #[serde(default)]
    pub admin: Admin,
}

/// The git host the web editor commits to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Backend {
    /// GitLab (gitlab.com or a self-hosted instance: set `base_url` and `api_root`).
    #[serde(rename = "gitlab")]
    Gitlab,
    /// Gitea or Forgejo.
    #[serde(rename = "gitea")]
    Gitea,
    /// GitHub.
    #[serde(rename = "github")]
    Github,
    /// Netlify's Git Gateway.
    #[serde(rename = "git-gateway")]
    GitGateway,
}

/// Settings of the web editor (`/admin/`), the `admin:` section of `site.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Admin {
    /// The git host; absent: only the local backend (`decap-server`), for one machine.
    #[serde(default)]
    pub backend: Option<Backend>,
    /// `owner/name` of the repository on the host (required with `gitlab`, `gitea`, `github`).
    #[serde(default)]
    pub repo: Option<String>,
    /// Branch the editor commits to; `main` when absent.
    #[serde(default)]
    pub branch: Option<String>,
    /// Address of the host's web interface for signing in (self-hosted GitLab, Gitea).
    #[serde(default)]
    pub base_url: Option<String>,
    /// Address of the host's API (self-hosted GitLab, Gitea).
    #[serde(default)]
    pub api_root: Option<String>,
    /// How to sign in to GitLab: `pkce` (with `app_id`) or `implicit`.
    #[serde(default)]
    pub auth_type: Option<String>,
    /// The OAuth application id (GitLab, Gitea).
    #[serde(default)]
    pub app_id: Option<String>,
    /// Lets an editor on `localhost` save through `decap-server` instead of the host.
    #[serde(default)]
    pub local_backend: bool,
    /// Address of `decap-server`'s API; `http://localhost:8081/api/v1` when absent.
    #[serde(default)]
    pub local_backend_url: Option<String>,
}

/// A licence, as the Frictionless Data Package standard describes one.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct License {
    /// Identifier of the licence (SPDX or Open Definition), e.g. `CC-BY-4.0`.
    pub name: String,
    /// Its full name, e.g. `Creative Commons Attribution 4.0`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Address of the licence text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// Which provinces and communes to publish.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Publish {
    /// Province slugs (folder names folded to ASCII).
    #[serde(default)]
    pub provinces: Vec<String>,
    /// Commune slugs (folder names folded to ASCII).
    #[serde(default)]
    pub communes: Vec<String>,
}

impl Publish {
    /// Whether a commune (with its province, if any) is to be published.
    pub fn includes(&self, province: Option<&str>, commune: &str) -> bool {
        let everything = self.provinces.is_empty() && self.communes.is_empty();
        everything
            || self.communes.iter().any(|c| c == commune)
            || province.is_some_and(|p| self.provinces.iter().any(|q| q == p))
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "Cổng thông tin cải cách hành chính".to_string(),
            description: None,
            base_url: default_base_url(),
            language: default_language(),
            theme: default_theme(),
            publisher: None,
            publish: Publish::default(),
            license: None,
            admin: Admin::default(),
        }
    }
}

fn default_base_url() -> String {
    "/".to_string()
}

fn default_language() -> String {
    "vi".to_string()
}

fn default_theme() -> String {
    "mac-dinh".to_string()
}
