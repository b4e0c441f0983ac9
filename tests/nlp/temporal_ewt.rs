//! Invariants over every sentence of the EWT training set: no panics, spans inside the text on
//! character boundaries, sorted and non-overlapping.

use kg::nlp::temporal::{find_numeric, find_temporal};
use kg::nlp::tokenize::tokenize;

fn check_spans(text: &str, spans: &[(usize, usize)]) {
    let mut last_end = 0;
    for &(start, end) in spans {
        assert!(start < end && end <= text.len(), "{text:?}: {start}..{end}");
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{text:?}"
        );
        assert!(start >= last_end, "overlap in {text:?}");
        last_end = end;
    }
}

#[test]
fn ewt_invariants() {
    let train = crate::common::read_shared("corpora/ud-english-ewt/train.conllu");
    let anchor = crate::temporal_support::anchor(2021, 8, 21);
    let mut found = 0;
    for text in train.lines().filter_map(|l| l.strip_prefix("# text = ")) {
        let tokens = tokenize(text);
        let t: Vec<_> = find_temporal(text, &tokens, anchor)
            .iter()
            .map(|m| (m.start, m.end))
            .collect();
        let n: Vec<_> = find_numeric(text, &tokens)
            .iter()
            .map(|m| (m.start, m.end))
            .collect();
        check_spans(text, &t);
        check_spans(text, &n);
        // A number is never reported inside a temporal expression.
        for (ns, ne) in &n {
            assert!(t.iter().all(|(ts, te)| ne <= ts || ns >= te), "{text:?}");
        }
        found += t.len() + n.len();
    }
    assert!(found > 1000, "suspiciously few mentions: {found}");
}
