//! `get_image_metadata`: size, format and MIME type of an image file, read from its
//! header only (SVG: its width/height or viewBox).
use std::path::Path;

use image::{ImageFormat, ImageReader};
use serde::Serialize;

/// What `get_image_metadata` returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageMeta {
    pub width: u32,
    pub height: u32,
    /// The usual extension of the format (`jpg`, `png`, ...).
    pub format: Option<&'static str>,
    pub mime: Option<&'static str>,
}

/// Reads the metadata of the image at `path`.
pub fn read(path: &Path) -> Result<ImageMeta, String> {
    let is_svg = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if is_svg {
        return read_svg(path);
    }
    let reader = ImageReader::open(path)
        .and_then(ImageReader::with_guessed_format)
        .map_err(|e| e.to_string())?;
    let format = reader.format();
    let (width, height) = reader.into_dimensions().map_err(|e| e.to_string())?;
    Ok(ImageMeta {
        width,
        height,
        format: format.and_then(|f| f.extensions_str().first().copied()),
        mime: format.map(|f| f.to_mime_type()),
    })
}

fn read_svg(path: &Path) -> Result<ImageMeta, String> {
    let svg = svg_metadata::Metadata::parse_file(path).map_err(|e| e.to_string())?;
    let (width, height) = match (svg.width(), svg.height(), svg.view_box()) {
        (Some(w), Some(h), _) => (w, h),
        (_, _, Some(vb)) => (vb.width, vb.height),
        _ => return Err("the SVG has neither width/height nor a viewBox".to_string()),
    };
    Ok(ImageMeta {
        width: width as u32,
        height: height as u32,
        format: Some("svg"),
        mime: Some("text/svg+xml"),
    })
}

/// Whether a format loses detail (JPEG and the like): `format="auto"` keeps JPEG for
/// those and PNG for the others, as Zola does (unknown formats count as lossy).
pub fn is_lossy(format: Option<ImageFormat>) -> bool {
    use ImageFormat::*;
    !matches!(
        format.unwrap_or(Jpeg),
        Png | Pnm | Tiff | Tga | Bmp | Ico | Hdr | Farbfeld | Gif
    )
}
