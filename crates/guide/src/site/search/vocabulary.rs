//! The words an indexing worker has met, each already cut into its keys: a site uses a
//! few thousand words millions of times, so each word is folded, split and stemmed once,
//! and a page's keys are counted by number, not by string.
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use xxhash_rust::xxh3::Xxh3DefaultBuilder;

use super::tokens::{fold_into, index_keys, Stems};

/// A hasher for keys that are already a hash (xxh3 of the word).
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u128(&mut self, n: u128) {
        self.0 = n as u64;
    }
}

#[derive(Default)]
pub(crate) struct Vocabulary {
    stems: Stems,
    folded: String,
    /// 128-bit hash of a word -> its key numbers in `word_keys`. The hash stands for
    /// the word: two words of a site sharing one is as likely as guessing a random
    /// 128-bit number, and comparing the word again at each of its occurrences took a
    /// tenth of the time of indexing.
    words: HashMap<u128, Range<usize>, BuildHasherDefault<Prehashed>>,
    word_keys: Vec<u32>,
    /// Key number -> key, and back.
    keys: Vec<Box<str>>,
    numbers: HashMap<Box<str>, u32, Xxh3DefaultBuilder>,
}

impl Vocabulary {
    /// Calls `found` with the number of every key of the word `raw` (as the page has it:
    /// `The` and `the` are remembered apart, and fold the same).
    pub(crate) fn keys_of(&mut self, raw: &str, mut found: impl FnMut(u32)) {
        let hash = xxhash_rust::xxh3::xxh3_128(raw.as_bytes());
        if let Some(range) = self.words.get(&hash) {
            self.word_keys[range.clone()].iter().for_each(|&k| found(k));
            return;
        }
        let start = self.word_keys.len();
        let Vocabulary {
            stems,
            folded,
            word_keys,
            keys,
            numbers,
            ..
        } = self;
        fold_into(raw, folded);
        index_keys(folded, stems, &mut |key| {
            let n = match numbers.get(key) {
                Some(n) => *n,
                None => {
                    let n = keys.len() as u32;
                    keys.push(key.into());
                    numbers.insert(key.into(), n);
                    n
                }
            };
            word_keys.push(n);
        });
        self.word_keys[start..].iter().for_each(|&k| found(k));
        self.words.insert(hash, start..self.word_keys.len());
    }

    /// The keys by number.
    pub(crate) fn into_keys(self) -> Vec<Box<str>> {
        self.keys
    }

    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }
}
