//! The Tera functions `resize_image` and `get_image_metadata` (registered with the other
//! template functions in `templates::register_functions`).
use std::collections::HashMap;
use std::sync::Arc;

use tera::Value;

use super::{Processor, ResizeOp};

/// `resize_image(path, width, height, op="fill", format="auto", quality)`.
pub struct ResizeImage(pub Arc<Processor>);

/// `get_image_metadata(path, allow_missing=false)`.
pub struct ImageMetadata(pub Arc<Processor>);

fn string_arg<'a>(
    args: &'a HashMap<String, Value>,
    func: &str,
    key: &str,
) -> tera::Result<Option<&'a str>> {
    match args.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(tera::Error::msg(format!(
            "{func}(): `{key}` must be a string, not {other}"
        ))),
    }
}

/// A pixel count or quality: a whole number, or a float rounded (templates compute
/// sizes such as `width * 0.5`).
fn number_arg(
    args: &HashMap<String, Value>,
    func: &str,
    key: &str,
    max: u64,
) -> tera::Result<Option<u64>> {
    let bad = |v: &Value| {
        tera::Error::msg(format!(
            "{func}(): `{key}` must be a number from 0 to {max}, not {v}"
        ))
    };
    match args.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v @ Value::Number(n)) => {
            let n = n
                .as_u64()
                .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f.round() as u64))
                .ok_or_else(|| bad(v))?;
            if n > max {
                return Err(bad(v));
            }
            Ok(Some(n))
        }
        Some(v) => Err(bad(v)),
    }
}

impl tera::Function for ResizeImage {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        const F: &str = "resize_image";
        let path = string_arg(args, F, "path")?
            .ok_or_else(|| tera::Error::msg("resize_image() needs a `path`"))?;
        let dim = |key| number_arg(args, F, key, u64::from(u32::MAX)).map(|n| n.map(|n| n as u32));
        let op = string_arg(args, F, "op")?.unwrap_or("fill");
        let op = ResizeOp::from_args(op, dim("width")?, dim("height")?)
            .map_err(|e| tera::Error::msg(format!("{F}(path=\"{path}\"): {e}")))?;
        let format = string_arg(args, F, "format")?.unwrap_or("auto");
        let quality = number_arg(args, F, "quality", 100)?.map(|q| q as u8);
        let resized = self
            .0
            .resize(path, op, format, quality)
            .map_err(|e| tera::Error::msg(format!("{F}(path=\"{path}\"): {e}")))?;
        serde_json::to_value(resized).map_err(|e| tera::Error::msg(e.to_string()))
    }
}

impl tera::Function for ImageMetadata {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        const F: &str = "get_image_metadata";
        let path = string_arg(args, F, "path")?
            .ok_or_else(|| tera::Error::msg("get_image_metadata() needs a `path`"))?;
        let allow_missing = matches!(args.get("allow_missing"), Some(Value::Bool(true)));
        if allow_missing && self.0.files.find(path).is_err() {
            return Ok(Value::Null);
        }
        let meta = self
            .0
            .metadata(path)
            .map_err(|e| tera::Error::msg(format!("{F}(path=\"{path}\"): {e}")))?;
        serde_json::to_value(meta).map_err(|e| tera::Error::msg(e.to_string()))
    }
}
