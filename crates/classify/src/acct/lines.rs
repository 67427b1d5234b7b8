//! Chunk-fed line assembly: turns arbitrary byte chunks into numbered physical lines,
//! with the partial line at a chunk's end carried over to the next chunk.
//!
//! Memory stays flat: a line longer than the cap is not buffered; it is reported as
//! too long (its bytes are skipped up to the next newline).

/// One physical line, without its `\n` (a trailing `\r` is left to the caller).
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line<'a> {
    Text(&'a [u8]),
    TooLong,
}

#[derive(Debug)]
pub(crate) struct LineAssembler {
    pending: Vec<u8>,
    overflow: bool,
    line_no: u64,
    max_line: usize,
}

impl LineAssembler {
    pub(crate) fn new(max_line: usize) -> Self {
        LineAssembler {
            pending: Vec::new(),
            overflow: false,
            line_no: 0,
            max_line,
        }
    }

    /// Number of lines emitted so far.
    pub(crate) fn lines(&self) -> u64 {
        self.line_no
    }

    /// Feeds a chunk; calls `emit(line_number, line)` for every line it completes.
    pub(crate) fn push(&mut self, chunk: &[u8], mut emit: impl FnMut(u64, Line<'_>)) {
        let mut rest = chunk;
        if !self.pending.is_empty() || self.overflow {
            match find_newline(rest) {
                Some(i) => {
                    self.append(&rest[..i]);
                    self.flush(&mut emit);
                    rest = &rest[i + 1..];
                }
                None => {
                    self.append(rest);
                    return;
                }
            }
        }
        while let Some(i) = find_newline(rest) {
            let line = &rest[..i];
            self.line_no += 1;
            if line.len() > self.max_line {
                emit(self.line_no, Line::TooLong);
            } else {
                emit(self.line_no, Line::Text(line));
            }
            rest = &rest[i + 1..];
        }
        self.append(rest);
    }

    /// Emits the last line if the input did not end with a newline.
    pub(crate) fn finish(&mut self, mut emit: impl FnMut(u64, Line<'_>)) {
        if !self.pending.is_empty() || self.overflow {
            self.flush(&mut emit);
        }
    }

    fn append(&mut self, bytes: &[u8]) {
        if self.overflow {
            return;
        }
        if self.pending.len() + bytes.len() > self.max_line {
            self.overflow = true;
            self.pending = Vec::new();
        } else {
            self.pending.extend_from_slice(bytes);
        }
    }

    fn flush(&mut self, emit: &mut impl FnMut(u64, Line<'_>)) {
        self.line_no += 1;
        if self.overflow {
            emit(self.line_no, Line::TooLong);
        } else {
            emit(self.line_no, Line::Text(&self.pending));
        }
        self.pending.clear();
        self.overflow = false;
    }
}

fn find_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(chunks: &[&[u8]], max: usize) -> Vec<(u64, Option<Vec<u8>>)> {
        let mut asm = LineAssembler::new(max);
        let mut out = Vec::new();
        let mut sink = |n: u64, l: Line<'_>| {
            out.push((
                n,
                match l {
                    Line::Text(t) => Some(t.to_vec()),
                    Line::TooLong => None,
                },
            ))
        };
        for c in chunks {
            asm.push(c, &mut sink);
        }
        asm.finish(&mut sink);
        out
    }

    #[test]
    fn lines_split_across_chunks_are_joined() {
        let got = collect(&[b"ab", b"c\nde", b"f\n", b"g"], 100);
        assert_eq!(
            got,
            vec![
                (1, Some(b"abc".to_vec())),
                (2, Some(b"def".to_vec())),
                (3, Some(b"g".to_vec()))
            ]
        );
    }

    #[test]
    fn too_long_lines_are_reported_and_skipped() {
        let got = collect(&[b"12345", b"678\nok\n", b"abcdefghij\nz"], 5);
        assert_eq!(
            got,
            vec![
                (1, None),
                (2, Some(b"ok".to_vec())),
                (3, None),
                (4, Some(b"z".to_vec()))
            ]
        );
    }

    #[test]
    fn empty_input_has_no_lines() {
        assert!(collect(&[b"", b""], 10).is_empty());
    }
}
