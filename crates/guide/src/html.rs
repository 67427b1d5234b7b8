//! Escaping text for HTML and XML.

/// Escapes `&`, `"`, `<`, `>` and `'`: safe in an attribute value and in text.
pub(crate) fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes `&`, `<` and `>`: safe in element text (the sitemap's `<loc>`).
pub(crate) fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(escape_attr(r#"a&"<>'"#), "a&amp;&quot;&lt;&gt;&#39;");
        assert_eq!(escape_text(r#"a&"<>'"#), "a&amp;\"&lt;&gt;'");
    }
}
