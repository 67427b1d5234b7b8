//! `load_data(path | literal | url, format, required)`: a data file of the site (found
//! as Zola finds files: the root, `static/`, `content/`, the output folder, the theme's
//! `static/`) or a literal text, read as TOML, JSON, CSV, YAML or plain text. Remote
//! URLs are refused: a build reads nothing from the network.
use std::collections::HashMap;

use tera::{Function, Value};

use super::optional;
use crate::site::find_file::SiteFiles;

pub(crate) struct LoadData(pub(crate) SiteFiles);

#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Toml,
    Json,
    Csv,
    Yaml,
    Plain,
}

impl Format {
    fn from_name(name: &str) -> Option<Format> {
        Some(match name {
            "toml" => Format::Toml,
            "json" => Format::Json,
            "csv" => Format::Csv,
            "yaml" | "yml" => Format::Yaml,
            "plain" => Format::Plain,
            _ => return None,
        })
    }

    /// By the file's extension; plain text when it says none of these.
    fn from_path(path: &str) -> Format {
        let ext = path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        Format::from_name(&ext.to_ascii_lowercase()).unwrap_or(Format::Plain)
    }
}

impl Function for LoadData {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let path: Option<String> = optional(args, "path", "`load_data`: `path` must be a string.")?;
        let literal: Option<String> =
            optional(args, "literal", "`load_data`: `literal` must be a string.")?;
        let url: Option<String> = optional(args, "url", "`load_data`: `url` must be a string.")?;
        let required_file: bool = optional(
            args,
            "required",
            "`load_data`: `required` must be a boolean (true or false)",
        )?
        .unwrap_or(true);
        let format: Option<String> = optional(
            args,
            "format",
            "`load_data`: `format` needs an argument with a string value, being one of the \
             supported `load_data` file types (csv, json, toml, yaml, plain)",
        )?;
        let format = match format {
            Some(name) => Some(Format::from_name(&name).ok_or_else(|| {
                format!(
                    "`load_data`: `format` needs an argument with a string value, being one of \
                     the supported `load_data` file types (csv, json, toml, yaml, plain), not \
                     `{name}`"
                )
            })?),
            None => None,
        };
        let (text, format) = match (path, literal, url) {
            (Some(path), None, None) => {
                let file = match self.0.find(&path) {
                    Ok(f) => f,
                    Err(_) if !required_file => return Ok(Value::Null),
                    Err(e) => return Err(format!("`load_data`: {e}").into()),
                };
                let text = std::fs::read_to_string(&file)
                    .map_err(|e| format!("`load_data`: cannot read `{path}`: {e}"))?;
                (text, format.unwrap_or(Format::from_path(&path)))
            }
            (None, Some(literal), None) => (literal, format.unwrap_or(Format::Plain)),
            (None, None, Some(url)) => {
                return Err(format!(
                    "`load_data`: `url` ({url}) is not supported: a build reads nothing from the \
                     network; save the file in the site and give its `path`"
                )
                .into())
            }
            (None, None, None) => {
                return Err(
                    "`load_data`: requires EITHER a `path`, `url`, or `literal` argument".into(),
                )
            }
            _ => {
                return Err(
                    "`load_data`: only one of `path`, `url`, or `literal` can be specified".into(),
                )
            }
        };
        parse(&text, format).map_err(|e| format!("`load_data`: {e}").into())
    }
}

fn parse(text: &str, format: Format) -> Result<Value, String> {
    match format {
        Format::Plain => Ok(Value::String(text.to_string())),
        Format::Json => serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}")),
        Format::Toml => {
            let v: toml::Value = toml::from_str(text).map_err(|e| format!("invalid TOML: {e}"))?;
            serde_json::to_value(v).map_err(|e| e.to_string())
        }
        Format::Yaml => serde_norway::from_str(text).map_err(|e| format!("invalid YAML: {e}")),
        Format::Csv => csv_value(text),
    }
}

/// Zola's shape of a CSV file: `{headers: [...], records: [[...], ...]}`.
fn csv_value(text: &str) -> Result<Value, String> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers: Vec<Value> = reader
        .headers()
        .map_err(|e| format!("invalid CSV: {e}"))?
        .iter()
        .map(|h| Value::String(h.to_string()))
        .collect();
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("invalid CSV: {e}"))?;
        records.push(Value::Array(
            record
                .iter()
                .map(|f| Value::String(f.to_string()))
                .collect(),
        ));
    }
    Ok(serde_json::json!({ "headers": headers, "records": records }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_format() {
        assert_eq!(
            parse("a,b\n1,2\n3,4\n", Format::Csv).unwrap(),
            serde_json::json!({"headers": ["a", "b"], "records": [["1", "2"], ["3", "4"]]})
        );
        assert_eq!(
            parse("x = 1\n[t]\ny = \"z\"\n", Format::Toml).unwrap(),
            serde_json::json!({"x": 1, "t": {"y": "z"}})
        );
        assert_eq!(
            parse("x: [1, two]\n", Format::Yaml).unwrap(),
            serde_json::json!({"x": [1, "two"]})
        );
        assert_eq!(
            parse("{\"a\": [true]}", Format::Json).unwrap(),
            serde_json::json!({"a": [true]})
        );
        assert_eq!(parse("hi", Format::Plain).unwrap(), "hi");
        assert_eq!(Format::from_path("data/x.YML"), Format::Yaml);
        assert_eq!(Format::from_path("notes.txt"), Format::Plain);
    }
}
