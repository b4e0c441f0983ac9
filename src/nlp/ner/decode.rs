//! Constrained first-order Viterbi over BILOU labels: the output is always
//! a valid label sequence, so spans never need repairing.

use crate::nlp::ner::label::{Label, N_LABELS, allowed};

/// Transition scores: row `p` for previous label `p`, row `N_LABELS` for
/// the sentence start.
pub(crate) type Transitions = [[i32; N_LABELS]; N_LABELS + 1];

const NEG: i64 = i64::MIN / 4;

/// Precomputed validity so the inner loop is a table lookup.
struct Validity {
    pair: [[bool; N_LABELS]; N_LABELS],
    start: [bool; N_LABELS],
    end: [bool; N_LABELS],
}

fn validity() -> Validity {
    let mut v = Validity {
        pair: [[false; N_LABELS]; N_LABELS],
        start: [false; N_LABELS],
        end: [false; N_LABELS],
    };
    for p in 0..N_LABELS {
        let lp = Label::from_index(p);
        v.start[p] = lp.can_start();
        v.end[p] = lp.can_end();
        for n in 0..N_LABELS {
            v.pair[p][n] = allowed(lp, Label::from_index(n));
        }
    }
    v
}

/// Best valid label sequence (label indices) for per-token `emissions`.
pub(crate) fn viterbi(emissions: &[[i32; N_LABELS]], trans: &Transitions) -> Vec<usize> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let v = validity();
    let mut score = vec![[NEG; N_LABELS]; n];
    let mut back = vec![[0u8; N_LABELS]; n];
    for l in 0..N_LABELS {
        if v.start[l] {
            score[0][l] = i64::from(emissions[0][l]) + i64::from(trans[N_LABELS][l]);
        }
    }
    for i in 1..n {
        for l in 0..N_LABELS {
            let mut best = (NEG, 0);
            for p in 0..N_LABELS {
                if v.pair[p][l] && score[i - 1][p] > NEG {
                    let s = score[i - 1][p] + i64::from(trans[p][l]);
                    if s > best.0 {
                        best = (s, p);
                    }
                }
            }
            if best.0 > NEG {
                score[i][l] = best.0 + i64::from(emissions[i][l]);
                back[i][l] = best.1 as u8;
            }
        }
    }
    // `Outside` (0) can always end a sentence and is always reachable.
    let mut last = 0;
    for l in 1..N_LABELS {
        if v.end[l] && score[n - 1][l] > score[n - 1][last] {
            last = l;
        }
    }
    let mut out = vec![0; n];
    out[n - 1] = last;
    for i in (1..n).rev() {
        out[i - 1] = usize::from(back[i][out[i]]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::ner::label::is_valid;

    #[test]
    fn output_is_valid_even_when_emissions_prefer_invalid() {
        // Every token prefers I-PER (invalid at the start and at the end).
        let i_per = 2;
        let mut em = [[0i32; N_LABELS]; 4];
        for e in &mut em {
            e[i_per] = 100;
        }
        let labels: Vec<Label> = viterbi(&em, &[[0; N_LABELS]; N_LABELS + 1])
            .into_iter()
            .map(Label::from_index)
            .collect();
        assert!(is_valid(&labels), "{labels:?}");
    }
}
