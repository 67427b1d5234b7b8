//! Image processing for templates, as Zola does it: `resize_image` answers at once with
//! the URL and size of the result (read from the source's header) and queues the work;
//! after rendering, [`Processor::process`] makes the queued images in parallel. Results
//! are kept between builds in `static/processed_images/` under the site root (named by a
//! hash of the source and the arguments), so a rebuild only makes what is new or whose
//! source changed; a full build removes the ones no page uses any more.
pub mod functions;
pub mod meta;
pub mod ops;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use image::{DynamicImage, ImageDecoder, ImageReader};
use rayon::prelude::*;
use serde::Serialize;

use super::find_file::SiteFiles;
use crate::errors::{BuildError, Problem};
pub use meta::ImageMeta;
pub use ops::{Format, Plan, ResizeOp};

/// The folder of processed images, under the site's `static/` and in the output.
pub const PROCESSED: &str = "processed_images";

/// What `resize_image` returns (Zola's fields).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resized {
    pub url: String,
    pub static_path: String,
    pub width: u32,
    pub height: u32,
    pub orig_width: u32,
    pub orig_height: u32,
}

/// A source image as `resize_image` sees it: upright size (EXIF orientation applied)
/// and whether its format is lossy.
#[derive(Debug, Clone, Copy)]
struct SourceInfo {
    size: (u32, u32),
    lossy: bool,
}

#[derive(Debug, Clone)]
struct Job {
    source: PathBuf,
    plan: Plan,
    format: Format,
}

/// The image work of one build (shared by the render threads).
#[derive(Debug)]
pub struct Processor {
    files: SiteFiles,
    /// `ROOT/static/processed_images`.
    cache_dir: PathBuf,
    /// `https://host/processed_images/`.
    base_url: String,
    jobs: Mutex<BTreeMap<String, Job>>,
    sources: Mutex<HashMap<PathBuf, SourceInfo>>,
}

impl Processor {
    pub fn new(files: SiteFiles, base_url: &str) -> Self {
        Processor {
            cache_dir: files.root.join("static").join(PROCESSED),
            base_url: format!("{}/{PROCESSED}/", base_url.trim_end_matches('/')),
            files,
            jobs: Mutex::default(),
            sources: Mutex::default(),
        }
    }

    /// `resize_image(path, ...)`: the result's URL and size; the image itself is made by
    /// [`Processor::process`].
    pub fn resize(
        &self,
        path: &str,
        op: ResizeOp,
        format: &str,
        quality: Option<u8>,
    ) -> Result<Resized, String> {
        let source = self.files.find(path)?;
        let info = self.source_info(&source)?;
        let format = Format::from_args(format, quality, info.lossy)?;
        let plan = op.plan(info.size);
        let name = self.output_name(&source, op, format);
        let (width, height) = plan.size(info.size);
        self.jobs.lock().unwrap_or_else(|e| e.into_inner()).insert(
            name.clone(),
            Job {
                source,
                plan,
                format,
            },
        );
        Ok(Resized {
            url: format!("{}{name}", self.base_url),
            static_path: format!("static/{PROCESSED}/{name}"),
            width,
            height,
            orig_width: info.size.0,
            orig_height: info.size.1,
        })
    }

    /// `get_image_metadata(path)`.
    pub fn metadata(&self, path: &str) -> Result<ImageMeta, String> {
        let source = self.files.find(path)?;
        meta::read(&source).map_err(|e| format!("image `{path}` cannot be read: {e}"))
    }

    /// `stem.HASH.ext`: the same source and arguments give the same name in every build.
    fn output_name(&self, source: &Path, op: ResizeOp, format: Format) -> String {
        let rel = source.strip_prefix(&self.files.root).unwrap_or(source);
        let key = format!("{}\0{op}\0{format:?}", rel.to_string_lossy());
        let stem = source
            .file_stem()
            .map_or_else(|| "image".into(), |s| s.to_string_lossy());
        format!(
            "{stem}.{:016x}.{}",
            xxhash_rust::xxh3::xxh3_64(key.as_bytes()),
            format.extension()
        )
    }

    fn source_info(&self, source: &Path) -> Result<SourceInfo, String> {
        if let Some(info) = self
            .sources
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(source)
        {
            return Ok(*info);
        }
        let shown = self.shown(source);
        let reader = ImageReader::open(source)
            .and_then(ImageReader::with_guessed_format)
            .map_err(|e| format!("image `{shown}` cannot be read: {e}"))?;
        let lossy = meta::is_lossy(reader.format());
        let mut decoder = reader
            .into_decoder()
            .map_err(|e| format!("image `{shown}` cannot be decoded: {e}"))?;
        let (w, h) = decoder.dimensions();
        let upright = match decoder.orientation().map(|o| o.to_exif()) {
            Ok(5..=8) => (h, w),
            _ => (w, h),
        };
        let info = SourceInfo {
            size: upright,
            lossy,
        };
        self.sources
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(source.to_path_buf(), info);
        Ok(info)
    }

    fn shown(&self, path: &Path) -> String {
        path.strip_prefix(&self.files.root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    }

    /// Makes every queued image that the cache does not already hold (missing, or older
    /// than its source), in parallel. Returns `(output path, file)` of every image of
    /// this build, or one message per image that failed (naming its source).
    pub fn process(&self) -> Result<Vec<(String, PathBuf)>, Vec<String>> {
        let jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner()).clone();
        if !jobs.is_empty() {
            std::fs::create_dir_all(&self.cache_dir)
                .map_err(|e| vec![format!("{}: {e}", self.shown(&self.cache_dir))])?;
        }
        let results: Vec<Result<(String, PathBuf), String>> = jobs
            .into_par_iter()
            .map(|(name, job)| {
                let file = self.cache_dir.join(&name);
                if !is_fresh(&file, &job.source) {
                    make(&job, &file).map_err(|e| {
                        format!(
                            "image `{}` cannot be processed: {e}",
                            self.shown(&job.source)
                        )
                    })?;
                }
                Ok((format!("{PROCESSED}/{name}"), file))
            })
            .collect();
        let (ok, failed): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
        if failed.is_empty() {
            Ok(ok.into_iter().filter_map(Result::ok).collect())
        } else {
            Err(failed.into_iter().filter_map(Result::err).collect())
        }
    }

    /// The images step of a build, after rendering: makes what the templates asked for
    /// and, when `prune` (a full build), removes the processed images no page asks for
    /// any more. Returns the output files.
    pub(crate) fn finish(&self, prune: bool) -> Result<Vec<(String, PathBuf)>, BuildError> {
        let made = self.process().map_err(|messages| {
            let cache_dir = format!("static/{PROCESSED}");
            let problems = messages.into_iter().map(|m| Problem::new(&cache_dir, m));
            BuildError::Problems(problems.collect())
        })?;
        if prune {
            self.prune()
                .map_err(|e| BuildError::io(&self.cache_dir, e))?;
        }
        Ok(made)
    }

    /// Removes processed images that this build did not ask for (as Zola prunes
    /// `static/processed_images/`). Only files named like ours (`stem.HASH.ext`) go.
    pub fn prune(&self) -> std::io::Result<()> {
        let Ok(entries) = std::fs::read_dir(&self.cache_dir) else {
            return Ok(());
        };
        let jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type()?.is_file() && looks_processed(&name) && !jobs.contains_key(&name) {
                std::fs::remove_file(entry.path())?;
            }
        }
        Ok(())
    }
}

/// `stem.<16 hex digits>.ext`.
fn looks_processed(name: &str) -> bool {
    let mut parts = name.rsplitn(3, '.');
    let (_ext, hash) = (parts.next(), parts.next());
    parts.next().is_some()
        && hash.is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn is_fresh(output: &Path, source: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(output), modified(source)), (Some(o), Some(s)) if o >= s)
}

/// Decodes, turns upright, crops, resizes, encodes; written beside and renamed, so an
/// interrupted build never leaves half an image in the cache.
fn make(job: &Job, output: &Path) -> Result<(), String> {
    let reader = ImageReader::open(&job.source)
        .and_then(ImageReader::with_guessed_format)
        .map_err(|e| e.to_string())?;
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder.orientation().map_err(|e| e.to_string())?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    img.apply_orientation(orientation);
    if let Some((x, y, w, h)) = job.plan.crop {
        img = img.crop_imm(x, y, w, h);
    }
    if let Some((w, h)) = job.plan.resize {
        img = img.resize_exact(w, h, image::imageops::FilterType::Lanczos3);
    }
    let tmp = output.with_extension("tmp");
    let file = std::fs::File::create(&tmp).map_err(|e| e.to_string())?;
    let mut out = std::io::BufWriter::new(file);
    let written = match job.format {
        Format::Jpeg(quality) => {
            let rgb = DynamicImage::ImageRgb8(img.to_rgb8());
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality).encode_image(&rgb)
        }
        Format::Png => img.write_to(&mut out, image::ImageFormat::Png),
        Format::WebP => {
            let rgba = DynamicImage::ImageRgba8(img.to_rgba8());
            rgba.write_with_encoder(image::codecs::webp::WebPEncoder::new_lossless(&mut out))
        }
    };
    let flushed = written
        .map_err(|e| e.to_string())
        .and_then(|()| std::io::Write::flush(&mut out).map_err(|e| e.to_string()));
    drop(out);
    match flushed.and_then(|()| std::fs::rename(&tmp, output).map_err(|e| e.to_string())) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_with_png(w: u32, h: u32) -> (tempfile::TempDir, Processor) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/a")).unwrap();
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 0]));
        img.save(root.join("content/a/pic.png")).unwrap();
        let files = SiteFiles {
            root: root.to_path_buf(),
            output: "public".into(),
            theme: None,
        };
        let p = Processor::new(files, "https://x.org/");
        (dir, p)
    }

    #[test]
    fn resizes_into_the_cache_and_reuses_it() {
        let (dir, p) = site_with_png(300, 380);
        let r = p
            .resize("a/pic.png", ResizeOp::Fill(150, 150), "auto", None)
            .unwrap();
        assert_eq!(
            (r.width, r.height, r.orig_width, r.orig_height),
            (150, 150, 300, 380)
        );
        assert!(
            r.url.starts_with("https://x.org/processed_images/pic.") && r.url.ends_with(".png")
        );
        let made = p.process().unwrap();
        assert_eq!(made.len(), 1);
        let file = &made[0].1;
        assert!(file.starts_with(dir.path().join("static/processed_images")));
        assert_eq!(image::image_dimensions(file).unwrap(), (150, 150));
        // A second build with the same call reuses the file (same name, not rewritten).
        let before = std::fs::metadata(file).unwrap().modified().unwrap();
        let p2 = Processor::new(p.files.clone(), "https://x.org");
        let r2 = p2
            .resize("@/a/pic.png", ResizeOp::Fill(150, 150), "auto", None)
            .unwrap();
        assert_eq!(r2.url, r.url);
        p2.process().unwrap();
        assert_eq!(std::fs::metadata(file).unwrap().modified().unwrap(), before);
    }

    #[test]
    fn formats_and_pruning() {
        let (dir, p) = site_with_png(40, 20);
        let jpg = p
            .resize("a/pic.png", ResizeOp::FitWidth(20), "jpg", Some(80))
            .unwrap();
        let webp = p
            .resize("a/pic.png", ResizeOp::Scale(10, 10), "webp", None)
            .unwrap();
        assert_eq!((jpg.width, jpg.height), (20, 10));
        let made = p.process().unwrap();
        let kinds: Vec<_> = made
            .iter()
            .map(|(_, f)| image::ImageFormat::from_path(f).unwrap())
            .collect();
        assert!(
            kinds.contains(&image::ImageFormat::Jpeg) && kinds.contains(&image::ImageFormat::WebP)
        );
        assert!(webp.static_path.starts_with("static/processed_images/"));
        // The next build asks for one of them only: the other is pruned.
        let cache = dir.path().join("static/processed_images");
        std::fs::write(cache.join("notes.txt"), "mine").unwrap();
        let p2 = Processor::new(p.files.clone(), "https://x.org");
        p2.resize("a/pic.png", ResizeOp::FitWidth(20), "jpg", Some(80))
            .unwrap();
        p2.process().unwrap();
        p2.prune().unwrap();
        let left: Vec<_> = std::fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left.len(), 2, "{left:?}");
        assert!(left.contains(&"notes.txt".to_string()));
    }

    #[test]
    fn exif_orientation_turns_the_image_upright() {
        let (dir, p) = site_with_png(1, 1);
        // A 40 x 20 JPEG whose EXIF says "rotate 90° clockwise" (orientation 6): upright
        // it is 20 x 40.
        let tiff: Vec<u8> = [
            &b"MM\0\x2a\0\0\0\x08"[..],
            &[
                0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0,
            ],
        ]
        .concat();
        let img = DynamicImage::ImageRgb8(image::RgbImage::new(40, 20));
        let mut bytes = Vec::new();
        let mut enc = image::codecs::jpeg::JpegEncoder::new(&mut bytes);
        image::ImageEncoder::set_exif_metadata(&mut enc, tiff).unwrap();
        enc.encode_image(&img).unwrap();
        std::fs::write(dir.path().join("content/a/photo.jpg"), bytes).unwrap();
        let r = p
            .resize("a/photo.jpg", ResizeOp::FitWidth(10), "auto", None)
            .unwrap();
        assert_eq!(
            (r.orig_width, r.orig_height, r.width, r.height),
            (20, 40, 10, 20)
        );
        let made = p.process().unwrap();
        assert_eq!(image::image_dimensions(&made[0].1).unwrap(), (10, 20));
    }

    #[test]
    fn missing_and_broken_images_are_messages() {
        let (dir, p) = site_with_png(4, 4);
        assert!(p
            .resize("nope.png", ResizeOp::Fill(1, 1), "auto", None)
            .unwrap_err()
            .contains("not found"));
        std::fs::write(dir.path().join("content/a/bad.png"), "not an image").unwrap();
        let e = p
            .resize("a/bad.png", ResizeOp::Fill(1, 1), "auto", None)
            .unwrap_err();
        assert!(e.contains("content/a/bad.png"), "{e}");
        let m = p.metadata("a/pic.png").unwrap();
        assert_eq!(
            (m.width, m.height, m.format, m.mime),
            (4, 4, Some("png"), Some("image/png"))
        );
    }
}
