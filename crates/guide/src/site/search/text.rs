//! The plain text of a page for the search index, taken from the markdown pass (the
//! events pulldown-cmark gives), cut into sections at the headings: no HTML is parsed
//! again after rendering. HTML that a template put into a body is reduced to its text.
use pulldown_cmark::{Event, TagEnd};

/// The text under one heading (the first section, before any heading, has no heading).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SectionText {
    /// The heading's id (`#id` in the page), empty for the first section.
    pub(crate) id: String,
    pub(crate) heading: String,
    pub(crate) text: String,
}

/// Collects the text of a markdown body, section by section.
#[derive(Debug)]
pub(crate) struct TextCollector {
    sections: Vec<SectionText>,
}

impl Default for TextCollector {
    fn default() -> Self {
        TextCollector {
            sections: vec![SectionText::default()],
        }
    }
}

impl TextCollector {
    /// Takes one event of the body (heading events are not given: see [`Self::heading`]).
    pub(crate) fn event(&mut self, event: &Event) {
        match event {
            Event::Text(t) | Event::Code(t) => self.push(t),
            Event::Html(h) | Event::InlineHtml(h) => self.push(&html_text(h)),
            Event::SoftBreak | Event::HardBreak | Event::Rule => self.space(),
            Event::End(end) if is_block(end) => self.space(),
            _ => {}
        }
    }

    /// Adds text that is not a markdown event (a bounce block's message).
    pub(crate) fn push(&mut self, text: &str) {
        if let Some(last) = self.sections.last_mut() {
            last.text.push_str(text);
        }
    }

    fn space(&mut self) {
        if let Some(last) = self.sections.last_mut() {
            if !last.text.is_empty() && !last.text.ends_with(' ') {
                last.text.push(' ');
            }
        }
    }

    /// Starts the section of a heading.
    pub(crate) fn heading(&mut self, id: &str, title: &str) {
        self.sections.push(SectionText {
            id: id.to_string(),
            heading: title.to_string(),
            text: String::new(),
        });
    }

    /// The sections; `blocks` replace their `GUIDEHTML<n>Z` placeholders (HTML from a
    /// templated body) by their text. Whitespace is left as it is (code keeps its line
    /// breaks; a browser shows any run of it as one space).
    pub(crate) fn finish(self, blocks: &[String]) -> Vec<SectionText> {
        self.sections
            .into_iter()
            .map(|mut s| {
                if !blocks.is_empty() && s.text.contains("GUIDEHTML") {
                    for (n, block) in blocks.iter().enumerate() {
                        let token = format!("GUIDEHTML{n}Z");
                        if s.text.contains(&token) {
                            s.text = s.text.replacen(&token, &html_text(block), 1);
                        }
                    }
                }
                s.text.truncate(s.text.trim_end().len());
                s
            })
            .collect()
    }
}

fn is_block(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::TableRow
            | TagEnd::TableHead
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionListDefinition
            | TagEnd::DefinitionListTitle
    )
}

/// Runs of whitespace as one space, trimmed.
#[cfg(test)]
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The text of an HTML fragment: tags dropped (each as a space), the usual entities
/// decoded, `<script>` and `<style>` left out.
pub(crate) fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut out, &rest[..lt]);
        let tag = &rest[lt..];
        let Some(gt) = tag.find('>') else {
            push_decoded(&mut out, tag);
            return out;
        };
        let name: String = tag[1..gt]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &tag[gt + 1..];
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            let end = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
            rest = &rest[end..];
            rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
        }
        out.push(' ');
    }
    push_decoded(&mut out, rest);
    out
}

pub(crate) fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&after[1..e]));
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    let code = |digits: &str, radix| u32::from_str_radix(digits, radix).ok();
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .and_then(|h| code(h, 16))
            .or_else(|| name.strip_prefix('#').and_then(|d| code(d, 10)))
            .and_then(char::from_u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    #[test]
    fn html_fragments_give_their_text() {
        assert_eq!(
            collapse(&html_text(
                "<table><tr><td>P1 &amp; P2</td><td>Call&nbsp;us</td></tr></table>"
            )),
            "P1 & P2 Call us"
        );
        assert_eq!(
            collapse(&html_text(
                "a<script>var x = '<b>';</script>b<style>p{}</style>c"
            )),
            "a b c"
        );
        assert_eq!(html_text("x &#53;&#x2e;7 &bogus; &"), "x 5.7 &bogus; &");
        assert_eq!(html_text("broken <tag"), "broken <tag");
    }

    #[test]
    fn blocks_are_separated_and_placeholders_restored() {
        let mut c = TextCollector::default();
        for e in Parser::new("one\ntwo\n\n- three\n- four\n\nGUIDEHTML0Z\n") {
            c.event(&e);
        }
        c.heading("h", "Head");
        c.push("550 5.7.26");
        let s = c.finish(&["<p>from <b>a</b> template</p>".to_string()]);
        assert_eq!(collapse(&s[0].text), "one two three four from a template");
        assert_eq!(
            s[1],
            SectionText {
                id: "h".into(),
                heading: "Head".into(),
                text: "550 5.7.26".into()
            }
        );
    }
}
