//! Writes the sharded search index (the format is described in the README):
//!
//! - `search/index.bin`: the entry file (pages link it by this plain name): the number
//!   of pages, the first key and file of every term chunk, a short hash of every
//!   fragment pack.
//! - `search/t/<hash>.bin`: term chunks, keys in order, each with its postings (page,
//!   weight, section to show); a query loads only the chunks of its keys.
//! - `search/f/<pack>-<hash>.bin`: the fragments of [`PACK`] pages in a row (URL, title,
//!   description, the text of each section), loaded only for the results shown.
//!
//! Every file is gzip (the browser inflates it with `DecompressionStream`), so what a
//! reader downloads does not depend on the host compressing it. Fragments go in small
//! packs: one file a page would make the build write (and the disk sync) thousands of
//! small files more, while a pack of four costs a query at most a few KB more.
use std::collections::HashMap;
use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;
use rayon::prelude::*;
use serde::Serialize;
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

use super::text::SectionText;
use super::tokens::words;
use super::vocabulary::Vocabulary;

/// What the index needs of one page.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PageText<'a> {
    /// URL path (`/incidents/blacklisting/`).
    pub(crate) url: &'a str,
    pub(crate) title: &'a str,
    pub(crate) description: &'a str,
    /// The first section has no heading; one more per heading, in order.
    pub(crate) sections: &'a [SectionText],
}

/// Format version, in the entry file: the browser refuses an index it cannot read.
pub(crate) const VERSION: u32 = 1;
/// The entry file's path in the output (link it through `asset()`).
pub(crate) const ENTRY: &str = "search/index.bin";
/// Postings per term chunk before a new chunk starts (bytes before compression): one
/// chunk holds a few hundred keys of a big site and downloads in a few tens of KB.
const CHUNK_BYTES: usize = 40 * 1024;
/// Pages per fragment file.
pub(crate) const PACK: usize = 4;
/// Pages of an indexing job, at least (each job meets the site's words anew).
const MIN_PAGES_PER_JOB: usize = 32;

/// Where a key is in a page: the best field and how often it occurs.
#[derive(Debug, Clone, Copy)]
enum Field {
    Body = 0,
    Description = 1,
    Heading = 2,
    Title = 3,
}

/// One key in one page, while the page is read.
#[derive(Debug, Default, Clone, Copy)]
struct Seen {
    field: u8,
    count: u32,
    /// The section to show: the first whose heading has the key, else the first whose
    /// text has it (+1: 0 is none yet).
    section: u32,
    in_heading: bool,
}

/// One posting: page number, weight (field << 6 | count up to 63), section to show.
type Posting = (u32, u8, u32);

/// The files of the index: output path -> bytes.
pub(crate) fn write(pages: &[PageText<'_>]) -> Vec<(String, Vec<u8>)> {
    // A few long jobs per thread, each with its own vocabulary, merged in page order.
    let per_job = pages
        .len()
        .div_ceil(rayon::current_num_threads() * 4)
        .max(MIN_PAGES_PER_JOB);
    let partials: Vec<Partial> = pages
        .par_chunks(per_job)
        .enumerate()
        .map(|(job, chunk)| index_pages((job * per_job) as u32, chunk))
        .collect();
    let mut terms: HashMap<Box<str>, Vec<Posting>, Xxh3DefaultBuilder> = HashMap::default();
    for partial in partials {
        for (key, postings) in partial.keys.into_iter().zip(partial.postings) {
            if !postings.is_empty() {
                terms.entry(key).or_default().extend(postings);
            }
        }
    }
    let mut keys: Vec<(Box<str>, Vec<Posting>)> = terms.into_iter().collect();
    keys.par_sort_unstable_by(|a, b| js_order(&a.0, &b.0));

    let mut files = Vec::new();
    let chunks = term_chunks(&keys);
    let written: Vec<(String, String, Vec<u8>)> = chunks
        .into_par_iter()
        .map(|(first, bytes)| {
            let gz = gzip(&bytes);
            let name = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&gz));
            (first, name, gz)
        })
        .collect();
    let mut chunk_list = Vec::with_capacity(written.len());
    for (first, name, gz) in written {
        files.push((format!("search/t/{name}.bin"), gz));
        chunk_list.push((first, name));
    }
    let packs: Vec<(String, Vec<u8>)> = pages
        .par_chunks(PACK)
        .map(|pack| {
            let fragments: Vec<Fragment> = pack.iter().map(Fragment::of).collect();
            let gz = gzip(&serde_json::to_vec(&fragments).unwrap_or_default());
            let hash = format!("{:08x}", xxhash_rust::xxh3::xxh3_64(&gz) as u32);
            (hash, gz)
        })
        .collect();
    let mut pack_hashes = String::with_capacity(packs.len() * 8);
    for (n, (hash, gz)) in packs.into_iter().enumerate() {
        files.push((format!("search/f/{n}-{hash}.bin"), gz));
        pack_hashes.push_str(&hash);
    }
    let entry = Entry {
        v: VERSION,
        pages: pages.len(),
        pack: PACK,
        fragments: pack_hashes,
        chunks: chunk_list,
    };
    let json = serde_json::to_vec(&entry).unwrap_or_default();
    files.push((ENTRY.to_string(), gzip(&json)));
    files
}

#[derive(Serialize)]
struct Entry {
    v: u32,
    pages: usize,
    /// Pages per fragment pack: page `n` is in pack `n / pack`.
    pack: usize,
    /// 8 hex digits per pack: pack `p` is `f/<p>-<hash>.bin`.
    fragments: String,
    /// `[first key, file name]` of each term chunk, in key order.
    chunks: Vec<(String, String)>,
}

#[derive(Serialize)]
struct Fragment<'a> {
    u: &'a str,
    t: &'a str,
    d: &'a str,
    /// `[id, heading, text]` per section.
    s: Vec<(&'a str, &'a str, &'a str)>,
}

impl<'a> Fragment<'a> {
    fn of(page: &'a PageText<'a>) -> Self {
        Fragment {
            u: page.url,
            t: page.title,
            d: page.description,
            s: page
                .sections
                .iter()
                .map(|s| (s.id.as_str(), s.heading.as_str(), s.text.as_str()))
                .collect(),
        }
    }
}

/// The postings of some pages: key number (of the job's vocabulary) -> postings.
struct Partial {
    keys: Vec<Box<str>>,
    postings: Vec<Vec<Posting>>,
}

/// Indexes `pages`, the first of which is page number `first`.
fn index_pages(first: u32, pages: &[PageText<'_>]) -> Partial {
    let mut vocabulary = Vocabulary::default();
    let mut postings: Vec<Vec<Posting>> = Vec::new();
    let mut seen: Vec<Seen> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        read_page(page, &mut vocabulary, &mut seen, &mut touched);
        postings.resize_with(vocabulary.len(), Vec::new);
        for &key in &touched {
            let s = std::mem::take(&mut seen[key as usize]);
            let weight = (s.field << 6) | s.count.min(63) as u8;
            let section = s.section.saturating_sub(1);
            postings[key as usize].push((first + i as u32, weight, section));
        }
        touched.clear();
    }
    Partial {
        keys: vocabulary.into_keys(),
        postings,
    }
}

/// Counts the keys of one page in `seen` (by key number), listing the ones met in `touched`.
fn read_page(
    page: &PageText<'_>,
    vocabulary: &mut Vocabulary,
    seen: &mut Vec<Seen>,
    touched: &mut Vec<u32>,
) {
    let mut add = |text: &str, field: Field, section: Option<u32>| {
        for (start, end) in words(text) {
            vocabulary.keys_of(&text[start..end], |key| {
                let k = key as usize;
                if k >= seen.len() {
                    seen.resize(k + 1, Seen::default());
                }
                let seen = &mut seen[k];
                if seen.count == 0 {
                    touched.push(key);
                }
                seen.field = seen.field.max(field as u8);
                seen.count += 1;
                if let Some(section) = section {
                    let heading = matches!(field, Field::Heading);
                    if seen.section == 0 || (heading && !seen.in_heading) {
                        seen.section = section + 1;
                        seen.in_heading = heading;
                    }
                }
            });
        }
    };
    add(page.title, Field::Title, None);
    add(page.description, Field::Description, None);
    for (n, section) in page.sections.iter().enumerate() {
        add(&section.heading, Field::Heading, Some(n as u32));
        add(&section.text, Field::Body, Some(n as u32));
    }
}

/// The order of JavaScript's string comparison (UTF-16 code units), in which the browser
/// looks keys up; byte order is the same for ASCII.
fn js_order(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        a.cmp(b)
    } else {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

/// Cuts the sorted keys into chunks of about [`CHUNK_BYTES`]: `(first key, bytes)`.
///
/// A chunk is a sequence of keys, each: the length of the prefix it shares with the
/// previous key (one byte), the length of the rest (varint) and the rest (UTF-8), the
/// number of postings (varint), then per posting the page number minus the previous
/// one (varint; the first is the number itself), the weight (one byte) and the section
/// (varint).
fn term_chunks(keys: &[(Box<str>, Vec<Posting>)]) -> Vec<(String, Vec<u8>)> {
    let mut chunks = Vec::new();
    let mut bytes = Vec::new();
    let mut first = String::new();
    let mut previous: &str = "";
    for (key, postings) in keys {
        if bytes.len() >= CHUNK_BYTES {
            chunks.push((std::mem::take(&mut first), std::mem::take(&mut bytes)));
            previous = "";
        }
        if bytes.is_empty() {
            first = key.to_string();
        }
        let shared = common_prefix(previous, key).min(255);
        bytes.push(shared as u8);
        varint(&mut bytes, (key.len() - shared) as u32);
        bytes.extend_from_slice(&key.as_bytes()[shared..]);
        varint(&mut bytes, postings.len() as u32);
        let mut last = 0;
        for &(doc, weight, section) in postings {
            varint(&mut bytes, doc - last);
            last = doc;
            bytes.push(weight);
            varint(&mut bytes, section);
        }
        previous = key;
    }
    if !bytes.is_empty() {
        chunks.push((first, bytes));
    }
    chunks
}

/// Bytes two keys share at the start (a whole number of characters).
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

/// LEB128: seven bits a byte, low bits first, the high bit set on all but the last.
fn varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    // Level 1, a 32 KB window and gzip's wrapper (15 + 16).
    let config = zlib_rs::DeflateConfig {
        level: 1,
        window_bits: 31,
        ..zlib_rs::DeflateConfig::default()
    };
    // The gzip wrapper is 12 bytes longer than the zlib one the bound counts.
    let mut out = vec![0; zlib_rs::compress_bound(bytes.len()) + 12];
    let (written, rc) = zlib_rs::compress_slice(&mut out, bytes, config);
    if rc == zlib_rs::ReturnCode::Ok {
        let n = written.len();
        out.truncate(n);
        return out;
    }
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::fast());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_leb128() {
        let mut out = Vec::new();
        for n in [0, 127, 128, 300, u32::MAX] {
            varint(&mut out, n);
        }
        assert_eq!(
            out,
            [0, 127, 0x80, 1, 0xac, 2, 0xff, 0xff, 0xff, 0xff, 0x0f]
        );
    }

    #[test]
    fn index_files_are_gzip_that_inflates_to_their_bytes() {
        use std::io::Read;
        for text in [
            &b""[..],
            b"5.7.26 ",
            &b"greylisting delays mail. ".repeat(5000),
        ] {
            let gz = gzip(text);
            assert_eq!(&gz[..2], [0x1f, 0x8b], "the gzip magic number");
            let mut back = Vec::new();
            flate2::read::GzDecoder::new(&gz[..])
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, text);
        }
    }

    #[test]
    fn keys_sort_as_javascript_compares_them() {
        use std::cmp::Ordering::*;
        assert_eq!(js_order("a", "b"), Less);
        // U+FF21 (one UTF-16 unit) sorts after U+1F600 (a surrogate pair, 0xD83D...),
        // although its UTF-8 bytes sort before.
        assert_eq!(js_order("\u{ff21}", "\u{1f600}"), Greater);
        assert!("\u{ff21}".as_bytes() < "\u{1f600}".as_bytes());
    }

    #[test]
    fn shared_prefixes_end_on_a_character() {
        assert_eq!(common_prefix("bounce", "bounced"), 6);
        assert_eq!(common_prefix("abc", "abd"), 2);
        assert_eq!(common_prefix("é", "è"), 0);
        assert_eq!(common_prefix("", "x"), 0);
    }

    #[test]
    fn a_title_match_outranks_the_body_and_a_heading_picks_the_section() {
        let sections = [
            SectionText {
                text: "greylisting delays mail, spamhaus".into(),
                ..Default::default()
            },
            SectionText {
                id: "spamhaus".into(),
                heading: "Spamhaus".into(),
                text: "listed".into(),
            },
        ];
        let page = PageText {
            url: "/p/",
            title: "Greylisting",
            description: "",
            sections: &sections,
        };
        let partial = index_pages(7, &[page]);
        let posting = |key: &str| {
            let i = partial.keys.iter().position(|k| &**k == key).unwrap();
            partial.postings[i][0]
        };
        // (page, field << 6 | count, section)
        assert_eq!(posting("greylist"), (7, 3 << 6 | 2, 0));
        assert_eq!(posting("spamhaus"), (7, 2 << 6 | 2, 1));
        assert_eq!(posting("delay"), (7, 1, 0));
    }
}
