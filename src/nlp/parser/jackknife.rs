//! Jackknifed tagging of training data: the parser must learn from tags as
//! noisy as the ones it will see at run time, and a tagger tags its own
//! training data far better than unseen text.

use crate::nlp::NlpError;
use crate::nlp::conllu::Sentence;
use crate::nlp::tagger::{TrainOptions, train_tagger};

/// Returns a copy of `train` whose UPOS/XPOS tags were predicted, fold by
/// fold, by a tagger trained on the other `folds - 1` folds. Heads, labels,
/// forms and lemmas are kept.
///
/// Folds are contiguous blocks, not interleaved sentences: neighbouring
/// sentences come from the same document and share rare words, so
/// interleaved folds give tags noticeably better (less realistic) than the
/// tagger achieves on unseen documents.
/// `on_fold` is called with each finished fold's number (0-based).
pub fn jackknife_tags(
    train: &[Sentence],
    folds: usize,
    opts: &TrainOptions,
    mut on_fold: impl FnMut(usize),
) -> Result<Vec<Sentence>, NlpError> {
    let folds = folds.clamp(2, train.len().max(2));
    let fold_of = |i: usize| i * folds / train.len().max(1);
    let mut out = train.to_vec();
    for fold in 0..folds {
        let rest: Vec<Sentence> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| fold_of(*i) != fold)
            .map(|(_, s)| s.clone())
            .collect();
        let tagger = train_tagger(&rest, None, opts, |_| {})?;
        let in_fold = out
            .iter_mut()
            .enumerate()
            .filter(|(i, _)| fold_of(*i) == fold);
        for (_, sentence) in in_fold {
            let tags = tagger.tag_pos(&sentence.forms());
            for (token, (upos, xpos)) in sentence.tokens.iter_mut().zip(tags) {
                token.upos = upos;
                token.xpos = xpos;
            }
        }
        on_fold(fold);
    }
    Ok(out)
}
