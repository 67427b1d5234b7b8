//! Splitting one CSV record (RFC 4180 quoting: `"a,b"`, `""` for a quote) into field
//! spans without copying. A record is one physical line: PowerMTA writes no raw line
//! breaks inside fields.

/// Where a field's text lies in the line; `escaped` when it holds `""` pairs to undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    start: u32,
    end: u32,
    escaped: bool,
}

/// Why a line is not a well-formed CSV record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CsvError {
    UnterminatedQuote,
    TextAfterQuote,
}

impl CsvError {
    pub(crate) fn message(self) -> &'static str {
        match self {
            CsvError::UnterminatedQuote => "unterminated quoted field",
            CsvError::TextAfterQuote => "text after a closing quote",
        }
    }
}

/// Splits `line` into `spans` (cleared first).
pub(crate) fn split(line: &[u8], spans: &mut Vec<Span>) -> Result<(), CsvError> {
    spans.clear();
    let len = line.len();
    let mut i = 0usize;
    loop {
        if i < len && line[i] == b'"' {
            // Quoted field: runs to the quote that is not doubled.
            let start = i + 1;
            let mut j = start;
            let mut escaped = false;
            loop {
                match line[j..].iter().position(|&b| b == b'"') {
                    None => return Err(CsvError::UnterminatedQuote),
                    Some(k) => {
                        j += k;
                        if j + 1 < len && line[j + 1] == b'"' {
                            escaped = true;
                            j += 2;
                        } else {
                            break;
                        }
                    }
                }
            }
            spans.push(Span {
                start: start as u32,
                end: j as u32,
                escaped,
            });
            i = j + 1;
            if i == len {
                return Ok(());
            }
            if line[i] != b',' {
                return Err(CsvError::TextAfterQuote);
            }
            i += 1;
        } else {
            let end = line[i..]
                .iter()
                .position(|&b| b == b',')
                .map_or(len, |k| i + k);
            spans.push(Span {
                start: i as u32,
                end: end as u32,
                escaped: false,
            });
            if end == len {
                return Ok(());
            }
            i = end + 1;
        }
    }
}

/// The raw bytes of a field (quotes removed, `""` still doubled if `escaped`).
pub(crate) fn raw(line: &[u8], span: Span) -> &[u8] {
    &line[span.start as usize..span.end as usize]
}

/// The field as text: `""` undone, invalid UTF-8 replaced.
pub(crate) fn text(line: &[u8], span: Span) -> String {
    let bytes = raw(line, span);
    let s = String::from_utf8_lossy(bytes);
    if span.escaped {
        s.replace("\"\"", "\"")
    } else {
        s.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(line: &str) -> Result<Vec<String>, CsvError> {
        let mut spans = Vec::new();
        split(line.as_bytes(), &mut spans)?;
        Ok(spans.iter().map(|s| text(line.as_bytes(), *s)).collect())
    }

    #[test]
    fn plain_and_empty_fields() {
        assert_eq!(fields("a,,b").unwrap(), ["a", "", "b"]);
        assert_eq!(fields("").unwrap(), [""]);
        assert_eq!(fields("a,").unwrap(), ["a", ""]);
    }

    #[test]
    fn quoted_fields_keep_commas_and_undo_doubled_quotes() {
        assert_eq!(
            fields(r#"t,"smtp;421 4.7.0 try later, please","say ""hi""",x"#).unwrap(),
            ["t", "smtp;421 4.7.0 try later, please", r#"say "hi""#, "x"]
        );
        assert_eq!(fields(r#""""#).unwrap(), [""]);
        assert_eq!(fields(r#"a,"""""#).unwrap(), ["a", "\""]);
    }

    #[test]
    fn malformed_quotes_are_errors() {
        assert_eq!(fields(r#"a,"open"#), Err(CsvError::UnterminatedQuote));
        assert_eq!(fields(r#"a,"x"y,b"#), Err(CsvError::TextAfterQuote));
        // `"x""` : the doubled quote is text, the field never closes.
        assert_eq!(fields("a,\"x\"\""), Err(CsvError::UnterminatedQuote));
        // `"x"""` : `x"`.
        assert_eq!(fields("a,\"x\"\"\"").unwrap(), ["a", "x\""]);
    }

    #[test]
    fn quote_inside_unquoted_field_is_literal() {
        assert_eq!(fields(r#"a,b"c,d"#).unwrap(), ["a", r#"b"c"#, "d"]);
    }
}
