//! `get_url(path, cachebust, trailing_slash, lang)` and `get_hash(path | literal,
//! sha_type, base64)`, as Zola has them.
use std::collections::HashMap;

use base64::Engine;
use sha2::{Digest, Sha256, Sha384, Sha512};
use tera::{Function, Value};

use super::{optional, required, FnSite};
use crate::site::find_file::SiteFiles;

pub(crate) struct GetUrl(pub(crate) FnSite);

impl Function for GetUrl {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let site = &self.0;
        let path: String = required(
            args,
            "path",
            "`get_url` requires a `path` argument with a string value",
        )?;
        let cachebust = optional(
            args,
            "cachebust",
            "`get_url`: `cachebust` must be a boolean (true or false)",
        )?
        .unwrap_or(false);
        let trailing_slash = optional(
            args,
            "trailing_slash",
            "`get_url`: `trailing_slash` must be a boolean (true or false)",
        )?
        .unwrap_or(false);
        let lang: String = optional(args, "lang", "`get_url`: `lang` must be a string.")?
            .unwrap_or_else(|| site.default_language().to_string());
        let default = lang == site.default_language();
        if !default && !is_language(&site.config, &lang) {
            return Err(format!(
                "`{lang}` is not an authorized language (check config.languages)."
            )
            .into());
        }
        if path.starts_with("@/") {
            let target = match default {
                true => path,
                false => with_lang(&path, &lang),
            };
            return match (site.resolve)(&target) {
                Ok(p) => Ok(Value::String(format!("{}{p}", site.base_url))),
                Err(_) => Err(format!(
                    "`get_url`: could not resolve URL for link `{target}` not found."
                )
                .into()),
            };
        }
        let path = match default {
            true => path,
            false => format!("{lang}/{path}"),
        };
        let mut url = permalink(site, &path);
        if !trailing_slash && url.ends_with('/') {
            url.pop();
        }
        if cachebust {
            let hash = site
                .files
                .find(&path)
                .ok()
                .and_then(|f| std::fs::read(f).ok())
                .map(|bytes| format!("{:x}", Sha256::digest(bytes)))
                .ok_or_else(|| format!("`get_url`: Could not find or open file {path}"))?;
            // Zola 0.22 keeps the first 20 hex digits of the SHA-256.
            url = format!("{url}?h={}", &hash[..20]);
        }
        Ok(Value::String(url))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `a/b.md` in language `fr`: `a/b.fr.md` (Zola puts the code before the last dot).
fn with_lang(path: &str, lang: &str) -> String {
    match path.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{lang}.{ext}"),
        None => format!("{path}.{lang}"),
    }
}

fn is_language(config: &toml::Table, lang: &str) -> bool {
    config
        .get("languages")
        .and_then(|l| l.as_table())
        .is_some_and(|l| l.contains_key(lang))
}

/// Zola's permalink of a site path: `base_url/path`, with a trailing slash unless the
/// path is a feed.
fn permalink(site: &FnSite, path: &str) -> String {
    let path = path.trim_start_matches('/');
    let feeds: Vec<&str> = match site.config.get("feed_filenames").and_then(|f| f.as_array()) {
        Some(names) => names.iter().filter_map(|n| n.as_str()).collect(),
        None => vec![site
            .config
            .get("feed_filename")
            .and_then(|f| f.as_str())
            .unwrap_or("atom.xml")],
    };
    let slash =
        match path.is_empty() || path.ends_with('/') || feeds.iter().any(|f| path.ends_with(f)) {
            true => "",
            false => "/",
        };
    format!("{}/{path}{slash}", site.base_url)
}

pub(crate) struct GetHash(pub(crate) SiteFiles);

const EITHER: &str =
    "`get_hash` requires either a `path` or a `literal` argument with a string value";

impl Function for GetHash {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let path: Option<String> = optional(args, "path", EITHER)?;
        let literal: Option<String> = optional(args, "literal", EITHER)?;
        let contents = match (path, literal) {
            (Some(_), Some(_)) => {
                return Err("`get_hash`: must have only one of `path` or `literal` argument".into())
            }
            (None, None) => {
                return Err(
                    "`get_hash`: must have at least one of `path` or `literal` argument".into(),
                )
            }
            (Some(path), None) => {
                let file = self
                    .0
                    .find(&path)
                    .map_err(|_| format!("`get_hash`: Cannot find file: {path}"))?;
                std::fs::read(&file).map_err(|e| format!("File {path} could not be open: {e}"))?
            }
            (None, Some(literal)) => literal.into_bytes(),
        };
        let sha_type: u16 = optional(
            args,
            "sha_type",
            "`get_hash`: `sha_type` must be 256, 384 or 512",
        )?
        .unwrap_or(384);
        let base64 =
            optional(args, "base64", "`get_hash`: `base64` must be true or false")?.unwrap_or(true);
        let digest = match sha_type {
            256 => Sha256::digest(&contents).to_vec(),
            384 => Sha384::digest(&contents).to_vec(),
            512 => Sha512::digest(&contents).to_vec(),
            _ => return Err("`get_hash`: Invalid sha value".into()),
        };
        Ok(Value::String(match base64 {
            true => base64::engine::general_purpose::STANDARD.encode(digest),
            false => digest.iter().map(|b| format!("{b:02x}")).collect(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_as_zola_prints_them() {
        let f = GetHash(SiteFiles {
            root: "/nonexistent".into(),
            output: "public".into(),
            theme: None,
        });
        let call = |sha: u16, b64: bool| {
            let args = HashMap::from([
                ("literal".to_string(), Value::from("// Hello world!")),
                ("sha_type".to_string(), Value::from(sha)),
                ("base64".to_string(), Value::from(b64)),
            ]);
            f.call(&args).unwrap()
        };
        // Zola's own test values for this text.
        assert_eq!(
            call(256, false),
            "572e691dc68c3fcd653ae463261bdb38f35dc6f01715d9ce68799319dd158840"
        );
        assert_eq!(
            call(256, true),
            "Vy5pHcaMP81lOuRjJhvbOPNdxvAXFdnOaHmTGd0ViEA="
        );
        assert_eq!(
            call(384, false),
            "141c09bd28899773b772bbe064d8b718fa1d6f2852b7eafd5ed6689d26b74883b79e2e814cd69d5b52ab476aa284c414"
        );
    }
}
