//! A reader of the search index's written files (entry, term chunks, fragments), of
//! the tests' own (README, "Search index").
use std::io::Read;

use guide::site::{OutFile, Output};

pub fn bytes(out: &Output, path: &str) -> Vec<u8> {
    match out.files.get(path) {
        Some(OutFile::Bytes(b)) => b.to_vec(),
        Some(OutFile::Asset(src)) => src.read().unwrap().to_vec(),
        None => panic!("no output file {path}"),
    }
}

pub fn gunzip(gz: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(gz)
        .read_to_end(&mut out)
        .unwrap();
    out
}

pub fn json(out: &Output, path: &str) -> serde_json::Value {
    serde_json::from_slice(&gunzip(&bytes(out, path))).unwrap()
}

/// A little reader of the index format (README, "Search index").
pub struct Index<'a> {
    out: &'a Output,
    entry: serde_json::Value,
}

impl<'a> Index<'a> {
    pub fn new(out: &'a Output) -> Self {
        let entry = json(out, "search/index.bin");
        assert_eq!(entry["v"], 1);
        Index { out, entry }
    }

    pub fn chunks(&self) -> Vec<(String, String)> {
        self.entry["chunks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c[0].as_str().unwrap().into(), c[1].as_str().unwrap().into()))
            .collect()
    }

    /// Every key of the chunk that may hold `key`, with its page numbers.
    pub fn chunk_for(&self, key: &str) -> Vec<(String, Vec<u32>)> {
        let chunks = self.chunks();
        let Some((_, name)) = chunks.iter().rev().find(|(first, _)| first.as_str() <= key) else {
            return Vec::new();
        };
        let data = gunzip(&bytes(self.out, &format!("search/t/{name}.bin")));
        let mut pos = 0;
        let varint = |pos: &mut usize| {
            let mut n = 0u32;
            let mut shift = 0;
            loop {
                let b = data[*pos];
                *pos += 1;
                n |= u32::from(b & 0x7f) << shift;
                if b < 0x80 {
                    return n;
                }
                shift += 7;
            }
        };
        let mut keys = Vec::new();
        let mut previous: Vec<u8> = Vec::new();
        while pos < data.len() {
            let shared = data[pos] as usize;
            pos += 1;
            let rest = varint(&mut pos) as usize;
            let mut key = previous[..shared].to_vec();
            key.extend_from_slice(&data[pos..pos + rest]);
            pos += rest;
            let count = varint(&mut pos);
            let mut docs = Vec::new();
            let mut doc = 0;
            for _ in 0..count {
                doc += varint(&mut pos);
                docs.push(doc);
                pos += 1; // weight
                varint(&mut pos); // section
            }
            keys.push((String::from_utf8(key.clone()).unwrap(), docs));
            previous = key;
        }
        keys
    }

    pub fn docs(&self, key: &str) -> Vec<u32> {
        self.chunk_for(key)
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, docs)| docs)
            .unwrap_or_default()
    }

    pub fn fragment(&self, doc: u32) -> serde_json::Value {
        let per_pack = self.entry["pack"].as_u64().unwrap() as u32;
        let (pack, at) = ((doc / per_pack) as usize, (doc % per_pack) as usize);
        let hashes = self.entry["fragments"].as_str().unwrap();
        let hash = &hashes[pack * 8..pack * 8 + 8];
        json(self.out, &format!("search/f/{pack}-{hash}.bin"))[at].clone()
    }

    /// URLs of the pages that hold every key of `query`.
    pub fn find(&self, query: &str) -> Vec<String> {
        let keys = keys_of(query);
        assert!(!keys.is_empty(), "{query}: no keys");
        let mut docs = self.docs(&keys[0]);
        for key in &keys[1..] {
            let more = self.docs(key);
            docs.retain(|d| more.contains(d));
        }
        docs.iter()
            .map(|d| self.fragment(*d)["u"].as_str().unwrap().to_string())
            .collect()
    }
}

/// The keys of a query of words that the stemmer leaves as they are (the stems
/// themselves are the unit tests' business): lower case, dots dropped.
pub fn keys_of(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .map(|w| w.to_lowercase().replace('.', ""))
        .collect()
}
