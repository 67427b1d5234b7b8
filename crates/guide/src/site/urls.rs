//! How a file's name becomes part of its URL, as Zola does it: `[slugify] paths`
//! (`on`: lowercase ASCII words joined by `-`; `safe`: only what cannot be in a file
//! name is removed; `off`: as written), and a date at the start of a page's file name
//! (`2016-10-08_a-post.md`) taken off its slug and used as its `date`.
use crate::site::config::zola::{Slugify, Strategy};

/// The rules of a site's page URLs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UrlRules {
    pub(crate) paths: Strategy,
    /// `paths_keep_dates`: the date stays in the slug.
    pub(crate) keep_dates: bool,
    /// A date at the start of a page's file name is its `date` (Zola's rule; our own
    /// site's file names are taken as they are).
    pub(crate) file_dates: bool,
    /// The site's default language (pages without a language suffix have it).
    pub(crate) default_language: String,
    /// The other languages of `[languages]`: `page.fr.md` is French at `/fr/...`.
    pub(crate) languages: Vec<String>,
}

impl UrlRules {
    pub(crate) fn new(slugify: &Slugify) -> Self {
        UrlRules {
            paths: slugify.paths,
            keep_dates: slugify.paths_keep_dates,
            file_dates: true,
            ..UrlRules::as_written()
        }
    }

    /// File names as they are (our own site's rule), one language.
    pub(crate) fn as_written() -> Self {
        UrlRules {
            paths: Strategy::Off,
            keep_dates: true,
            file_dates: false,
            default_language: "en".to_string(),
            languages: Vec::new(),
        }
    }

    /// A file name without its language (`a.fr.md` -> (`a.md`, `fr`) when French is one
    /// of the site's other languages), and the language.
    pub(crate) fn language_of<'n>(&self, name: &'n str) -> (std::borrow::Cow<'n, str>, String) {
        if let Some(stem) = name.strip_suffix(".md") {
            if let Some((base, code)) = stem.rsplit_once('.') {
                if self.languages.iter().any(|l| l == code) {
                    return (format!("{base}.md").into(), code.to_string());
                }
            }
        }
        (name.into(), self.default_language.clone())
    }

    /// The URL prefix of `lang`: none for the default language, `/fr` for French.
    pub(crate) fn prefix(&self, lang: &str) -> String {
        if lang == self.default_language {
            String::new()
        } else {
            format!("/{lang}")
        }
    }

    /// The slug of a file stem or a front matter `slug`.
    pub(crate) fn slug(&self, name: &str) -> String {
        match self.paths {
            Strategy::On => slug::slugify(name),
            Strategy::Safe => name
                .trim()
                .chars()
                .filter(|c| !"<>:/|?*\"\\#".contains(*c))
                .collect(),
            Strategy::Off => name.to_string(),
        }
    }
}

/// `YYYY-MM-DD` (optionally `THH:MM:SS` and an offset or `Z`), an optional space, then `_`
/// or `-` and a non-empty rest.
pub(crate) fn dated_name(stem: &str) -> Option<(&str, &str)> {
    let date = stem.get(..10)?;
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let mut end = 10;
    if stem[end..].starts_with('T') {
        let rest = &stem[end..];
        let len = rest
            .find(|c: char| !(c.is_ascii_digit() || ":+-TZ.".contains(c)))
            .unwrap_or(rest.len());
        // The time runs up to the separator before the slug.
        let time = rest[..len].trim_end_matches(['-', '_']);
        end += time.len();
    }
    let rest = stem[end..].strip_prefix(' ').unwrap_or(&stem[end..]);
    let rest = rest.strip_prefix(['_', '-'])?;
    (!rest.is_empty()).then(|| (&stem[..end], rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_as_zola_makes_them() {
        let on = UrlRules::new(&Slugify::default());
        assert_eq!(on.slug("extra_syntax"), "extra-syntax");
        assert_eq!(on.slug("Hello World"), "hello-world");
        assert_eq!(UrlRules::as_written().slug("extra_syntax"), "extra_syntax");
    }

    #[test]
    fn a_date_at_the_start_of_a_file_name() {
        assert_eq!(
            dated_name("2016-10-08_a-post-with-dates"),
            Some(("2016-10-08", "a-post-with-dates"))
        );
        assert_eq!(dated_name("2016-10-08-x"), Some(("2016-10-08", "x")));
        assert_eq!(dated_name("2016-13-08_x"), None);
        assert_eq!(dated_name("2016-10-08"), None);
        assert_eq!(dated_name("hello"), None);
    }
}
