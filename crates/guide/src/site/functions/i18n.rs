//! `trans(key, lang)`: a term of `[translations]` (the default language's) or of
//! `[languages.<lang>.translations]`, with Zola's messages.
use std::collections::HashMap;
use std::sync::Arc;

use tera::{Function, Value};

use super::{default_language, optional, required};

pub(crate) struct Trans(pub(crate) Arc<toml::Table>);

impl Function for Trans {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let key: String = required(args, "key", "`trans` requires a `key` argument.")?;
        let lang: String = optional(args, "lang", "`trans`: `lang` must be a string.")?
            .unwrap_or_else(|| default_language(&self.0).to_string());
        translation(&self.0, &lang, &key)
            .map(Value::String)
            .map_err(|e| format!("Failed to retrieve term translation: {e}").into())
    }
}

fn translation(config: &toml::Table, lang: &str, key: &str) -> Result<String, String> {
    let table = if lang == default_language(config) {
        config.get("translations")
    } else {
        let language = config
            .get("languages")
            .and_then(|l| l.get(lang))
            .ok_or_else(|| format!("Language '{lang}' not found."))?;
        language.get("translations")
    };
    match table.and_then(|t| t.get(key)) {
        Some(toml::Value::String(term)) => Ok(term.clone()),
        Some(other) => Ok(other.to_string()),
        None => Err(format!(
            "Translation key '{key}' for language '{lang}' is missing"
        )),
    }
}
