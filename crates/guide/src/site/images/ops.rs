//! `resize_image`'s arguments and what they mean in pixels (Zola's semantics).
use std::fmt;

/// How to resize (`op` argument; default `fill`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResizeOp {
    /// Exactly `width` x `height`, ignoring the aspect ratio.
    Scale(u32, u32),
    /// `width` wide, height keeping the aspect ratio.
    FitWidth(u32),
    /// `height` high, width keeping the aspect ratio.
    FitHeight(u32),
    /// Within `width` x `height` keeping the aspect ratio; never enlarges.
    Fit(u32, u32),
    /// Exactly `width` x `height`: the centre part of that aspect ratio, scaled.
    Fill(u32, u32),
}

impl ResizeOp {
    pub fn from_args(op: &str, width: Option<u32>, height: Option<u32>) -> Result<Self, String> {
        let both = || match (width, height) {
            (Some(w), Some(h)) => Ok((w, h)),
            _ => Err(format!("op=\"{op}\" needs both `width` and `height`")),
        };
        let op = match op {
            "scale" => both().map(|(w, h)| ResizeOp::Scale(w, h))?,
            "fit" => both().map(|(w, h)| ResizeOp::Fit(w, h))?,
            "fill" => both().map(|(w, h)| ResizeOp::Fill(w, h))?,
            "fit_width" => ResizeOp::FitWidth(width.ok_or("op=\"fit_width\" needs a `width`")?),
            "fit_height" => {
                ResizeOp::FitHeight(height.ok_or("op=\"fit_height\" needs a `height`")?)
            }
            other => {
                return Err(format!(
                    "unknown resize op \"{other}\" (scale, fit_width, fit_height, fit or fill)"
                ))
            }
        };
        let zero = match op {
            ResizeOp::Scale(w, h) | ResizeOp::Fit(w, h) | ResizeOp::Fill(w, h) => w == 0 || h == 0,
            ResizeOp::FitWidth(w) => w == 0,
            ResizeOp::FitHeight(h) => h == 0,
        };
        if zero {
            return Err("`width` and `height` must be at least 1".to_string());
        }
        Ok(op)
    }

    /// The crop (x, y, w, h) then resize (w, h) that this op does to an image of
    /// `(orig_w, orig_h)` pixels.
    pub fn plan(self, (orig_w, orig_h): (u32, u32)) -> Plan {
        let scaled = |num: u32, mul: u32, den: u32| -> u32 {
            ((u64::from(num) * u64::from(mul)) / u64::from(den.max(1))).max(1) as u32
        };
        match self {
            ResizeOp::Scale(w, h) => Plan::resize(w, h),
            ResizeOp::FitWidth(w) => Plan::resize(w, scaled(orig_h, w, orig_w)),
            ResizeOp::FitHeight(h) => Plan::resize(scaled(orig_w, h, orig_h), h),
            ResizeOp::Fit(w, h) => {
                if orig_w <= w && orig_h <= h {
                    return Plan::default();
                }
                // The side that overflows most decides.
                if u64::from(orig_w) * u64::from(h) > u64::from(orig_h) * u64::from(w) {
                    ResizeOp::FitWidth(w).plan((orig_w, orig_h))
                } else {
                    ResizeOp::FitHeight(h).plan((orig_w, orig_h))
                }
            }
            ResizeOp::Fill(w, h) => {
                let factor_w = orig_w as f64 / w as f64;
                let factor_h = orig_h as f64 / h as f64;
                // Nearly the same aspect ratio: a crop would shave a pixel or two.
                if (factor_w - factor_h).abs() <= 0.1 {
                    return Plan::resize(w, h);
                }
                let (crop_w, crop_h) = if factor_w < factor_h {
                    (
                        orig_w,
                        ((factor_w * h as f64).round() as u32).clamp(1, orig_h),
                    )
                } else {
                    (
                        ((factor_h * w as f64).round() as u32).clamp(1, orig_w),
                        orig_h,
                    )
                };
                Plan {
                    crop: Some(((orig_w - crop_w) / 2, (orig_h - crop_h) / 2, crop_w, crop_h)),
                    resize: Some((w, h)),
                }
            }
        }
    }
}

impl fmt::Display for ResizeOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResizeOp::Scale(w, h) => write!(f, "scale {w}x{h}"),
            ResizeOp::FitWidth(w) => write!(f, "fit_width {w}"),
            ResizeOp::FitHeight(h) => write!(f, "fit_height {h}"),
            ResizeOp::Fit(w, h) => write!(f, "fit {w}x{h}"),
            ResizeOp::Fill(w, h) => write!(f, "fill {w}x{h}"),
        }
    }
}

/// Pixels to keep, then the size to scale them to (nothing: the image as it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Plan {
    pub crop: Option<(u32, u32, u32, u32)>,
    pub resize: Option<(u32, u32)>,
}

impl Plan {
    fn resize(w: u32, h: u32) -> Plan {
        Plan {
            crop: None,
            resize: Some((w, h)),
        }
    }

    /// The size of the result for a source of `orig` pixels.
    pub fn size(&self, orig: (u32, u32)) -> (u32, u32) {
        self.resize.unwrap_or(orig)
    }
}

/// The encoding of the result (`format` argument; default `auto`: JPEG for lossy
/// sources, PNG for the others).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Jpeg(u8),
    Png,
    /// WebP is written lossless: the pure-Rust encoder has no lossy mode, so `quality`
    /// is accepted (0-100, as Zola checks it) but does not change the file.
    WebP,
}

impl Format {
    pub fn from_args(
        format: &str,
        quality: Option<u8>,
        source_lossy: bool,
    ) -> Result<Self, String> {
        let format = match format {
            "auto" if source_lossy => "jpg",
            "auto" => "png",
            other => other,
        };
        match format {
            "jpg" | "jpeg" => match quality.unwrap_or(75) {
                q @ 1..=100 => Ok(Format::Jpeg(q)),
                q => Err(format!("JPEG quality is 1 to 100, not {q}")),
            },
            "png" => Ok(Format::Png),
            "webp" => match quality {
                None | Some(0..=100) => Ok(Format::WebP),
                Some(q) => Err(format!("WebP quality is 0 to 100, not {q}")),
            },
            other => Err(format!(
                "unknown image format \"{other}\" (auto, jpg, png or webp)"
            )),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg(_) => "jpg",
            Format::Png => "png",
            Format::WebP => "webp",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_zolas_documentation() {
        // The documentation's example image: 300 x 380.
        let orig = (300, 380);
        let size = |op: &str, w, h| ResizeOp::from_args(op, w, h).unwrap().plan(orig).size(orig);
        assert_eq!(size("scale", Some(150), Some(150)), (150, 150));
        assert_eq!(size("fit_width", Some(100), None), (100, 126));
        assert_eq!(size("fit_height", None, Some(150)), (118, 150));
        assert_eq!(size("fit", Some(5000), Some(5000)), (300, 380));
        assert_eq!(size("fit", Some(150), Some(150)), (118, 150));
        assert_eq!(size("fill", Some(150), Some(150)), (150, 150));
        let fill = ResizeOp::Fill(150, 150).plan(orig);
        assert_eq!(fill.crop, Some((0, 40, 300, 300)));
    }

    #[test]
    fn bad_arguments_are_messages() {
        assert!(ResizeOp::from_args("fit", Some(1), None).is_err());
        assert!(ResizeOp::from_args("crop", Some(1), Some(1)).is_err());
        assert!(ResizeOp::from_args("fit_width", Some(0), None).is_err());
        assert_eq!(Format::from_args("auto", None, true), Ok(Format::Jpeg(75)));
        assert_eq!(Format::from_args("auto", None, false), Ok(Format::Png));
        assert!(Format::from_args("jpg", Some(0), true).is_err());
        assert!(Format::from_args("avif", None, true).is_err());
    }
}
