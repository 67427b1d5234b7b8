//! A bounce's report pasted without its header (the text a mail client shows, copied):
//! the failed recipient it names by its structure, as a whole message's report names it.

use super::{
    after_blank_lines, delivered, dsn, header, is_message_header, lf, lossy, mime, prose,
    recipients,
};
use super::{Message, Reader, MAX_COMMON_TOTAL};

impl Reader {
    /// The addresses a pasted report names as failed: its `Final-Recipient` fields, else
    /// its lines about one recipient (Postfix's `<a>: host X said`, Exim's and
    /// Exchange's lists), else an address written after a label or "to" (Gmail's "There
    /// was a temporary problem delivering your message to a@b."). An address only quoted
    /// by a reply names no one here.
    fn pasted_addresses(&mut self, text: &[u8]) -> Vec<Vec<u8>> {
        let (parts, work) = mime::parts(header::Header::default(), text);
        self.work += work + text.len() as u64;
        let mut c = self.contents(&parts);
        if c.dsn.is_empty() && dsn::has_fields(&c.report) {
            c.dsn = dsn::recipients(&c.report);
        }
        self.work += c.report.len() as u64;
        let failed: Vec<Vec<u8>> = c
            .dsn
            .iter()
            .filter(|r| !delivered(r))
            .filter_map(|r| r.address.clone())
            .collect();
        if !failed.is_empty() {
            return failed;
        }
        self.work += 2 * c.report.len() as u64;
        let blocks: Vec<Vec<u8>> = prose::split(&c.report)
            .blocks
            .into_iter()
            .map(|b| b.address)
            .collect();
        if !blocks.is_empty() {
            return blocks;
        }
        recipients::labelled_address(&c.report)
            .map(String::into_bytes)
            .into_iter()
            .collect()
    }
}

/// The one failed recipient that pasted report text names (`None` for a whole message,
/// for no recipient, or for several different ones); for several, the report read as a
/// message body, one answer per recipient (Exchange's "Delivery has failed to these
/// recipients or groups:" list, Postfix's lines about each); with the steps taken.
pub(crate) fn recipient_counted(bytes: &[u8]) -> (Option<String>, Option<Message>, u64) {
    let text = lf(bytes);
    let text = after_blank_lines(&text);
    let mut reader = Reader {
        work: 2 * bytes.len() as u64,
        common_left: MAX_COMMON_TOTAL,
    };
    if is_message_header(text) {
        return (None, None, reader.work);
    }
    let addresses = reader.pasted_addresses(text);
    // One recipient, however often named (a comparison, not a sort: the sort's code
    // would cost the widget's wasm kilobytes).
    let one = match addresses.split_first() {
        Some((first, rest)) if rest.iter().all(|a| a == first) => Some(lossy(first)),
        _ => None,
    };
    let several = if one.is_none() && addresses.len() > 1 {
        let (parts, work) = mime::parts(header::Header::default(), text);
        reader.work += work + text.len() as u64;
        let m = reader.read_parts(&parts, false);
        (m.not_a_bounce.is_none() && m.recipients.len() > 1).then_some(m)
    } else {
        None
    };
    (one, several, reader.work)
}
