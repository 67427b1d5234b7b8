//! An elasticlunr.js index, written byte for byte as Zola 0.22 writes it (with
//! elasticlunr-rs 3.0.2: see [`Analysed`] for the one way that release differs from the
//! crate we link), but built on every core.
//!
//! elasticlunr-rs adds one document at a time: it cuts each field into words, runs them
//! through the language's pipeline (trimmer, stop words, stemmer) and files them in one
//! tree of characters per field. On a large site that is the longest single job of the
//! build. The words of a document depend on that document alone, and the tree has no
//! order of insertion (its maps are sorted), so here the documents are cut up in
//! parallel, each field's tree is grown as one subtree per first character in parallel,
//! and each subtree is written as JSON on its own. The crate still supplies the
//! languages and their pipelines, and, in the tests, the expected bytes.
use std::collections::BTreeMap;

use elasticlunr::pipeline::Pipeline;
use elasticlunr::Language;
use rayon::prelude::*;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// How a field cuts its text into words: the language's tokenizer or one of our own.
pub(crate) type Tokenizer = fn(&str) -> Vec<String>;

/// One field of the index, in the order documents give their values.
pub(crate) struct Field {
    pub(crate) name: &'static str,
    /// `None`: the language's own tokenizer.
    pub(crate) tokenizer: Option<Tokenizer>,
}

/// One document: its reference (the `id` field) and its values, in the order of the
/// fields. Fewer values than fields leave the last fields out (elasticlunr-rs pairs
/// values and fields by position).
pub(crate) struct Document {
    pub(crate) reference: String,
    pub(crate) values: Vec<String>,
}

/// The field elasticlunr.js reads a document's reference from.
const REF_FIELD: &str = "id";

/// The index of `documents` as JSON. `language` is an ISO 639-1 code elasticlunr knows
/// (`None` if it knows no such language).
pub(crate) fn index_json(
    language: &str,
    fields: &[Field],
    documents: &[Document],
) -> Option<String> {
    let lang = elasticlunr::lang::from_code(language)?;
    // Pipelines and languages are not `Send`: each worker makes its own.
    let analysed: Vec<Analysed> = documents
        .par_iter()
        .map_init(
            || Analyser::new(language),
            |analyser, doc| analyser.analyse(fields, doc),
        )
        .collect();
    let mut out = String::with_capacity(1 << 20);
    out.push_str("{\"fields\":");
    out.push_str(&to_json(&fields.iter().map(|f| f.name).collect::<Vec<_>>()));
    out.push_str(",\"pipeline\":");
    out.push_str(&to_json(&lang.make_pipeline()));
    out.push_str(",\"ref\":");
    out.push_str(&to_json(REF_FIELD));
    out.push_str(",\"version\":");
    out.push_str(&to_json(elasticlunr::ELASTICLUNR_VERSION));
    out.push_str(",\"index\":");
    write_inverted_indexes(&mut out, fields, documents, &analysed);
    out.push_str(",\"documentStore\":");
    write_document_store(&mut out, fields, documents, &analysed);
    out.push_str(",\"lang\":");
    out.push_str(&to_json(&lang.name()));
    out.push('}');
    Some(out)
}

/// What one document gives each field: its number of words and the distinct words filed
/// under it with their counts. As in elasticlunr-rs 3.0.2, which Zola 0.22 links, a
/// field files its own words and those of the fields before it (the counts run on
/// across a document's fields: `body` holds the title's words too), while its length
/// counts its own words only.
struct Analysed {
    fields: Vec<FieldWords>,
}

struct FieldWords {
    length: usize,
    counts: BTreeMap<String, u32>,
}

/// A worker's language and pipeline.
struct Analyser {
    language: Box<dyn Language>,
    pipeline: Pipeline,
}

impl Analyser {
    fn new(code: &str) -> Analyser {
        let language = elasticlunr::lang::from_code(code).expect("the language was checked before");
        let pipeline = language.make_pipeline();
        Analyser { language, pipeline }
    }

    fn analyse(&self, fields: &[Field], doc: &Document) -> Analysed {
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        let valued = fields.len().min(doc.values.len());
        let fields = fields
            .iter()
            .zip(&doc.values)
            .enumerate()
            .map(|(n, (field, value))| {
                let raw = match field.tokenizer {
                    Some(tokenize) => tokenize(value),
                    None => self.language.tokenize(value),
                };
                let words = self.pipeline.run(raw);
                let length = words.len();
                for word in words {
                    *counts.entry(word).or_insert(0) += 1;
                }
                // The last field takes the counts as they are; earlier ones a copy.
                let counts = match n + 1 == valued {
                    true => std::mem::take(&mut counts),
                    false => counts.clone(),
                };
                FieldWords { length, counts }
            })
            .collect();
        Analysed { fields }
    }
}

/// `{"<field>":{"root":{...}},...}`, the fields in name order (a sorted map in the crate).
fn write_inverted_indexes(
    out: &mut String,
    fields: &[Field],
    documents: &[Document],
    analysed: &[Analysed],
) {
    let mut order: Vec<usize> = (0..fields.len()).collect();
    order.sort_by_key(|&i| fields[i].name);
    out.push('{');
    for (n, &field) in order.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(&to_json(fields[field].name));
        out.push_str(":{\"root\":");
        write_tree(out, field, documents, analysed);
        out.push('}');
    }
    out.push('}');
}

/// The tree of one field: the root (which holds no document: an empty word is never
/// filed) and a subtree per first character, grown and written in parallel.
fn write_tree(out: &mut String, field: usize, documents: &[Document], analysed: &[Analysed]) {
    // Every (word, document, count) of the field, grouped by the word's first character.
    let mut by_first: BTreeMap<char, Vec<(&str, usize, u32)>> = BTreeMap::new();
    for (doc, words) in analysed.iter().enumerate() {
        let Some(words) = words.fields.get(field) else {
            continue;
        };
        for (word, &count) in &words.counts {
            if let Some(first) = word.chars().next() {
                by_first
                    .entry(first)
                    .or_default()
                    .push((&word[first.len_utf8()..], doc, count));
            }
        }
    }
    let subtrees: Vec<(char, String)> = by_first
        .into_par_iter()
        .map(|(first, postings)| {
            let mut node = Node::default();
            for (rest, doc, count) in postings {
                node.file(rest, &documents[doc].reference, count);
            }
            (first, to_json(&node))
        })
        .collect();
    out.push_str("{\"docs\":{},\"df\":0");
    for (first, json) in subtrees {
        out.push(',');
        out.push_str(&to_json(&first.to_string()));
        out.push(':');
        out.push_str(&json);
    }
    out.push('}');
}

/// A node of the tree: the documents whose word ends here, with the word's weight in
/// each (its count's square root, as elasticlunr.js scores it), and the next characters.
#[derive(Default)]
struct Node<'a> {
    docs: BTreeMap<&'a str, u32>,
    children: BTreeMap<char, Node<'a>>,
}

impl<'a> Node<'a> {
    /// Files `rest` (the word after this node's character) for `reference`. A later
    /// document with the same reference replaces the earlier one's count, as in the crate.
    fn file(&mut self, rest: &str, reference: &'a str, count: u32) {
        let node = rest
            .chars()
            .fold(self, |node, c| node.children.entry(c).or_default());
        node.docs.insert(reference, count);
    }
}

/// As the crate writes a node: `docs`, `df` (the number of documents), then one key per
/// next character.
impl Serialize for Node<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("docs", &Weights(&self.docs))?;
        map.serialize_entry("df", &(self.docs.len() as i64))?;
        let mut buf = [0u8; 4];
        for (c, child) in &self.children {
            map.serialize_entry(c.encode_utf8(&mut buf) as &str, child)?;
        }
        map.end()
    }
}

/// `{"<ref>":{"tf":<sqrt(count)>},...}`.
struct Weights<'n, 'a>(&'n BTreeMap<&'a str, u32>);

impl Serialize for Weights<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct TermFrequency {
            tf: f64,
        }
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (reference, &count) in self.0 {
            map.serialize_entry(
                reference,
                &TermFrequency {
                    tf: f64::from(count).sqrt(),
                },
            )?;
        }
        map.end()
    }
}

/// `{"save":true,"docs":{...},"docInfo":{...},"length":n}`: every document's values
/// and its fields' word counts, by reference. Of documents with the same reference the
/// last one's values win, and the word counts of all of them merge field by field (as
/// the crate's maps do).
fn write_document_store(
    out: &mut String,
    fields: &[Field],
    documents: &[Document],
    analysed: &[Analysed],
) {
    let mut by_reference: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, doc) in documents.iter().enumerate() {
        by_reference.entry(&doc.reference).or_default().push(i);
    }
    // (A document without any value has no word counts at all: no `docInfo` entry.)
    let entries: Vec<(String, Option<String>)> = by_reference
        .par_iter()
        .map(|(reference, indexes)| {
            let mut values: BTreeMap<&str, &str> = BTreeMap::new();
            let mut lengths: BTreeMap<&str, usize> = BTreeMap::new();
            for &i in indexes {
                values.clear();
                values.insert(REF_FIELD, reference);
                let named = fields.iter().zip(&documents[i].values);
                for ((field, value), words) in named.zip(&analysed[i].fields) {
                    values.insert(field.name, value);
                    lengths.insert(field.name, words.length);
                }
            }
            let lengths = (!lengths.is_empty()).then(|| to_json(&lengths));
            (to_json(&values), lengths)
        })
        .collect();
    let keys: Vec<String> = by_reference.keys().map(to_json).collect();
    out.push_str("{\"save\":true,\"docs\":{");
    write_entries(
        out,
        keys.iter().zip(entries.iter().map(|(values, _)| values)),
    );
    out.push_str("},\"docInfo\":{");
    let infos = entries.iter().map(|(_, lengths)| lengths);
    let infos = keys
        .iter()
        .zip(infos)
        .filter_map(|(k, l)| Some((k, l.as_ref()?)));
    write_entries(out, infos);
    out.push_str("},\"length\":");
    out.push_str(&by_reference.len().to_string());
    out.push('}');
}

/// `key:value,...` of JSON keys and values.
fn write_entries<'a>(out: &mut String, entries: impl Iterator<Item = (&'a String, &'a String)>) {
    for (n, (key, value)) in entries.enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(key);
        out.push(':');
        out.push_str(value);
    }
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    // Maps with string keys, strings and numbers always serialize.
    serde_json::to_string(value).expect("plain JSON values serialize")
}

#[cfg(test)]
mod tests {
    use super::*;
    use elasticlunr::IndexBuilder;

    fn path_words(text: &str) -> Vec<String> {
        text.split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_lowercase)
            .collect()
    }

    /// What elasticlunr-rs itself writes for the same documents.
    fn crates_json(language: &str, fields: &[Field], documents: &[Document]) -> String {
        let mut builder =
            IndexBuilder::with_language(elasticlunr::lang::from_code(language).unwrap());
        for field in fields {
            builder = match field.tokenizer {
                Some(t) => builder.add_field_with_tokenizer(field.name, Box::new(t)),
                None => builder.add_field(field.name),
            };
        }
        let mut index = builder.build();
        for doc in documents {
            index.add_doc(&doc.reference, &doc.values);
        }
        index.to_json()
    }

    fn doc(reference: &str, values: &[&str]) -> Document {
        Document {
            reference: reference.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    fn field(name: &'static str, tokenizer: Option<Tokenizer>) -> Field {
        Field { name, tokenizer }
    }

    /// Documents of one field: a reference seen twice (the later document's values win,
    /// its words join the tree), a document without a value (no length, no words),
    /// punctuation, stop words, non-ASCII words.
    fn one_value_documents() -> Vec<Document> {
        vec![
            doc(
                "https://example.com/b/",
                &["Deferred, deferred and \"throttled\" mail: 421 4.7.0 - retry /b/"],
            ),
            doc(
                "https://example.com/a/",
                &["Spamhaus, Barracuda: listed IPs. Ünïcode wörds and the stop words"],
            ),
            doc("https://example.com/a/", &["delisting /a/"]),
            doc("https://example.com/c/", &[]),
            doc("https://example.com/d/", &[""]),
        ]
    }

    #[test]
    fn one_field_gives_the_same_bytes_as_elasticlunr_rs() {
        let documents = one_value_documents();
        for language in ["en", "fr", "de"] {
            for fields in [[field("body", None)], [field("path", Some(path_words))]] {
                assert_eq!(
                    index_json(language, &fields, &documents).unwrap(),
                    crates_json(language, &fields, &documents),
                    "{language} {}",
                    fields[0].name
                );
            }
        }
        let fields = [field("title", None)];
        assert_eq!(
            index_json("en", &fields, &[]).unwrap(),
            crates_json("en", &fields, &[])
        );
    }

    /// Zola 0.22 links elasticlunr-rs 3.0.2, whose word counts run on across a
    /// document's fields: `body` files the title's words too, its length counts its own.
    /// The crate (3.1) writes that tree for a body that starts with the title.
    #[test]
    fn later_fields_file_the_words_of_earlier_ones_as_zola_does() {
        let fields = [field("title", None), field("body", None)];
        let documents = [
            doc(
                "https://example.com/a/",
                &[
                    "Greylisting retries",
                    "Greylisting: retry later. Deferred mail.",
                ],
            ),
            doc("https://example.com/b/", &["Blocklists"]),
            doc(
                "https://example.com/c/",
                &["Spamhaus listing", "Barracuda, Spamhaus"],
            ),
        ];
        let ours: serde_json::Value =
            serde_json::from_str(&index_json("en", &fields, &documents).unwrap()).unwrap();
        let run_on: Vec<Document> = documents
            .iter()
            .map(|d| match d.values.as_slice() {
                [title, body] => doc(&d.reference, &[title, &format!("{title} {body}")]),
                _ => doc(
                    &d.reference,
                    &d.values.iter().map(String::as_str).collect::<Vec<_>>(),
                ),
            })
            .collect();
        let expected: serde_json::Value =
            serde_json::from_str(&crates_json("en", &fields, &run_on)).unwrap();
        assert_eq!(ours["index"], expected["index"]);
        // The stored text and the length are the body's own (6 words, 1 a stop word).
        let a = "https://example.com/a/";
        assert_eq!(
            ours["documentStore"]["docs"][a]["body"],
            "Greylisting: retry later. Deferred mail."
        );
        assert_eq!(ours["documentStore"]["docInfo"][a]["body"], 5);
        // `greylist` is filed under body twice (title and body): weight sqrt(2).
        let node = "greylist"
            .chars()
            .fold(&ours["index"]["body"]["root"], |n, c| &n[c.to_string()]);
        assert_eq!(node["docs"][a]["tf"], 2f64.sqrt());
    }

    #[test]
    fn an_unknown_language_has_no_index() {
        assert!(index_json("xx", &[], &[]).is_none());
    }
}
