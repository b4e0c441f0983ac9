//! Aggregation over confidence thresholds (CaRB's `Benchmark.compare`).
//!
//! Every distinct system confidence is a threshold. At each threshold, a
//! gold sentence contributes, from the system tuples at or above it:
//! - recall: for every gold tuple, its best recall against any kept system
//!   tuple (one system tuple may serve many gold tuples);
//! - precision: the sum over a greedy one-to-one matching that repeatedly
//!   takes the highest-precision (gold, system) pair still free, divided by
//!   the number of kept system tuples.
//!
//! Numerators and denominators are summed over sentences before dividing
//! (micro-averaging), which is why they are accumulated in [`Totals`].

use std::ops::Range;

use super::matcher::{GoldView, PairScore, SystemView, match_pair};
use super::read::{GoldSet, SystemSet, SystemTuple, Tuple};

/// One point of the precision-recall curve.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct PrPoint {
    /// System tuples with confidence >= this value are kept.
    pub threshold: f64,
    pub precision: f64,
    pub recall: f64,
}

/// CaRB scores of a system against gold.
///
/// `precision`, `recall`, `f1` and `threshold` describe the point of the
/// curve with the best F1. Values are unrounded; CaRB prints them rounded to
/// three decimals. With no system tuples at all everything is 0 and the
/// curve is empty, as CaRB reports `0, (0, 0, 0)`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OpenIeScores {
    /// Area under the precision-recall curve.
    pub auc: f64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub threshold: f64,
    /// One point per distinct confidence, by increasing threshold (so by
    /// non-increasing recall).
    pub curve: Vec<PrPoint>,
}

/// Scores system extractions against gold extractions the way CaRB's default
/// invocation does (`binary_linient_tuple_match`, no `--binary`).
pub fn score(gold: &GoldSet, system: &SystemSet) -> OpenIeScores {
    let thresholds = distinct_confidences(system);
    let mut totals = Totals::new(thresholds.len());
    for (key, gold_tuples) in gold.sentences() {
        let system_tuples = system.get(key).unwrap_or(&[]);
        accumulate_sentence(gold_tuples, system_tuples, &thresholds, &mut totals);
    }
    summarize(totals.curve(&thresholds))
}

/// Sorted distinct confidences of *all* system tuples, including those of
/// sentences absent from gold: CaRB takes its thresholds before pairing
/// sentences, and those extra points change the curve.
fn distinct_confidences(system: &SystemSet) -> Vec<f64> {
    let mut confidences: Vec<f64> = system
        .sentences()
        .flat_map(|(_, tuples)| tuples.iter().map(|t| t.confidence))
        .collect();
    sorted_distinct(&mut confidences);
    confidences
}

/// Sorts ascending and removes duplicates; `-0.0 == 0.0` counts as one,
/// like a Python set of floats.
fn sorted_distinct(values: &mut Vec<f64>) {
    values.sort_by(f64::total_cmp);
    values.dedup();
}

/// Per-threshold numerators and denominators, summed over sentences.
struct Totals {
    precision_sum: Vec<f64>,
    kept_system: Vec<usize>,
    recall_sum: Vec<f64>,
    gold_count: Vec<usize>,
}

impl Totals {
    fn new(len: usize) -> Self {
        Self {
            precision_sum: vec![0.0; len],
            kept_system: vec![0; len],
            recall_sum: vec![0.0; len],
            gold_count: vec![0; len],
        }
    }

    /// Adds one sentence's contribution to every threshold in `range`.
    fn add(&mut self, range: Range<usize>, sentence: &SentenceTotals) {
        for c in range {
            self.precision_sum[c] += sentence.precision_sum;
            self.kept_system[c] += sentence.kept_system;
            self.recall_sum[c] += sentence.recall_sum;
            self.gold_count[c] += sentence.gold_count;
        }
    }

    /// Precision is 1 where nothing is kept and recall 0 where there is no
    /// gold, as in CaRB.
    fn curve(&self, thresholds: &[f64]) -> Vec<PrPoint> {
        thresholds
            .iter()
            .enumerate()
            .map(|(c, &threshold)| PrPoint {
                threshold,
                precision: ratio_or(self.precision_sum[c], self.kept_system[c], 1.0),
                recall: ratio_or(self.recall_sum[c], self.gold_count[c], 0.0),
            })
            .collect()
    }
}

fn ratio_or(numerator: f64, denominator: usize, default: f64) -> f64 {
    if denominator > 0 {
        numerator / denominator as f64
    } else {
        default
    }
}

/// One sentence's contribution at one threshold.
#[derive(Default)]
struct SentenceTotals {
    precision_sum: f64,
    kept_system: usize,
    recall_sum: f64,
    gold_count: usize,
}

/// Adds one gold sentence to the totals at every threshold.
///
/// Like CaRB, it visits the sentence's own distinct confidences in
/// increasing order; each covers the thresholds from just above the previous
/// one up to itself, where the kept set is the same. Thresholds above the
/// sentence's highest confidence keep nothing but still count its gold
/// tuples in the recall denominator.
fn accumulate_sentence(
    gold: &[Tuple],
    system: &[SystemTuple],
    thresholds: &[f64],
    totals: &mut Totals,
) {
    let matrix = ScoreMatrix::new(gold, system);
    let mut confidences: Vec<f64> = system.iter().map(|t| t.confidence).collect();
    sorted_distinct(&mut confidences);
    let mut start = 0;
    for confidence in confidences {
        // `confidence` is in `thresholds`, so this is its index plus one.
        let end = thresholds.partition_point(|&t| t < confidence) + 1;
        let kept: Vec<usize> = (0..system.len())
            .filter(|&j| system[j].confidence >= confidence)
            .collect();
        let sentence = SentenceTotals {
            precision_sum: matrix.greedy_precision_sum(&kept),
            kept_system: kept.len(),
            recall_sum: matrix.best_recall_sum(&kept),
            gold_count: gold.len(),
        };
        totals.add(start..end, &sentence);
        start = end;
    }
    let nothing_kept = SentenceTotals {
        gold_count: gold.len(),
        ..SentenceTotals::default()
    };
    totals.add(start..thresholds.len(), &nothing_kept);
}

/// Pair scores of one sentence: a row per gold tuple, a column per system
/// tuple.
struct ScoreMatrix {
    cells: Vec<PairScore>,
    rows: usize,
    columns: usize,
}

impl ScoreMatrix {
    fn new(gold: &[Tuple], system: &[SystemTuple]) -> Self {
        let system: Vec<SystemView> = system.iter().map(SystemView::new).collect();
        let cells = gold
            .iter()
            .map(GoldView::new)
            .flat_map(|g| system.iter().map(move |s| match_pair(&g, s)))
            .collect();
        Self {
            cells,
            rows: gold.len(),
            columns: system.len(),
        }
    }

    fn get(&self, row: usize, column: usize) -> PairScore {
        self.cells[row * self.columns + column]
    }

    /// Recall numerator: each gold tuple takes its best recall over the kept
    /// columns, independently of the others.
    fn best_recall_sum(&self, kept: &[usize]) -> f64 {
        (0..self.rows)
            .map(|i| {
                kept.iter()
                    .map(|&j| self.get(i, j).recall)
                    .fold(0.0, f64::max)
            })
            .sum()
    }

    /// Precision numerator: CaRB's "optimised global match". Repeatedly take
    /// the free (row, kept column) pair with the highest precision, scanning
    /// rows then columns in file order and keeping the first of equals, until
    /// rows or columns run out. The scan order matters: it decides which
    /// pairs remain for later rounds.
    fn greedy_precision_sum(&self, kept: &[usize]) -> f64 {
        let mut row_free = vec![true; self.rows];
        let mut column_free = vec![true; kept.len()];
        let mut sum = 0.0;
        for _ in 0..self.rows.min(kept.len()) {
            let Some((row, k, precision)) = self.best_free_pair(kept, &row_free, &column_free)
            else {
                break;
            };
            row_free[row] = false;
            column_free[k] = false;
            sum += precision;
        }
        sum
    }

    /// The highest-precision free pair as (row, index into `kept`, precision).
    fn best_free_pair(
        &self,
        kept: &[usize],
        row_free: &[bool],
        column_free: &[bool],
    ) -> Option<(usize, usize, f64)> {
        let mut best: Option<(usize, usize, f64)> = None;
        for row in (0..self.rows).filter(|&i| row_free[i]) {
            for (k, &column) in kept.iter().enumerate().filter(|&(k, _)| column_free[k]) {
                let precision = self.get(row, column).precision;
                if best.is_none_or(|(_, _, p)| precision > p) {
                    best = Some((row, k, precision));
                }
            }
        }
        best
    }
}

/// Best-F1 point and AUC of a curve.
fn summarize(curve: Vec<PrPoint>) -> OpenIeScores {
    let Some((best, f1)) = best_f1(&curve) else {
        return OpenIeScores {
            auc: 0.0,
            precision: 0.0,
            recall: 0.0,
            f1: 0.0,
            threshold: 0.0,
            curve,
        };
    };
    OpenIeScores {
        auc: auc(&curve),
        precision: best.precision,
        recall: best.recall,
        f1,
        threshold: best.threshold,
        curve,
    }
}

/// The first point with the highest F1 (`np.argmax`).
fn best_f1(curve: &[PrPoint]) -> Option<(PrPoint, f64)> {
    let mut best: Option<(PrPoint, f64)> = None;
    for point in curve {
        let f = f1(point.precision, point.recall);
        if best.is_none_or(|(_, b)| f > b) {
            best = Some((*point, f));
        }
    }
    best
}

fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// Trapezoidal area under precision as a function of recall, after adding
/// the point (recall 0, precision 1) at the high-threshold end, as CaRB does
/// before calling `sklearn.metrics.auc`. Recall never increases with the
/// threshold, so the area is taken with recall decreasing, as sklearn does
/// for a monotonically decreasing x.
fn auc(curve: &[PrPoint]) -> f64 {
    let points: Vec<(f64, f64)> = curve
        .iter()
        .map(|p| (p.recall, p.precision))
        .chain([(0.0, 1.0)])
        .collect();
    points
        .windows(2)
        .map(|w| (w[0].0 - w[1].0) * (w[0].1 + w[1].1) / 2.0)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::super::read::{parse_gold, parse_system};
    use super::*;

    fn run(gold: &str, system: &str) -> OpenIeScores {
        let gold = parse_gold(gold.as_bytes(), "gold").expect("gold");
        let system = parse_system(system.as_bytes(), "system").expect("system");
        score(&gold, &system)
    }

    fn assert_close(got: f64, expected: f64) {
        assert!(
            (got - expected).abs() < 1e-12,
            "got {got}, expected {expected}"
        );
    }

    #[test]
    fn exact_match_gives_perfect_scores() {
        let s = run(
            "S .\tborn in\tObama\tHawaii\n",
            "S .\t0.9\tborn in\tObama\tHawaii\n",
        );
        assert_close(s.precision, 1.0);
        assert_close(s.recall, 1.0);
        assert_close(s.f1, 1.0);
        assert_close(s.threshold, 0.9);
        // Curve (r=1, p=1) then the added (0, 1): a unit square.
        assert_close(s.auc, 1.0);
    }

    #[test]
    fn half_the_gold_tokens() {
        let s = run(
            "S .\twas born in\tBarack Obama\tHonolulu , Hawaii\n",
            "S .\t0.5\tborn in\tObama\tHawaii\n",
        );
        assert_close(s.precision, 1.0);
        assert_close(s.recall, 0.5);
        assert_close(s.f1, 2.0 / 3.0);
        // Trapezoid from (0.5, 1) to (0, 1).
        assert_close(s.auc, 0.5);
    }

    #[test]
    fn sentence_without_extractions_contributes_zero_recall() {
        let gold = "A .\tborn in\tObama\tHawaii\nB .\tlives in\tMay\tLondon\n";
        let s = run(gold, "A .\t0.9\tborn in\tObama\tHawaii\n");
        assert_close(s.precision, 1.0);
        assert_close(s.recall, 0.5);
    }

    #[test]
    fn one_system_tuple_serves_recall_of_many_but_precision_once() {
        let gold = "S\tmet\tA\tB\nS\tmet\tA\tB\n";
        let s = run(gold, "S\t0.7\tmet\tA\tB\n");
        // Both gold tuples fully recalled; the single system tuple counted once.
        assert_close(s.recall, 1.0);
        assert_close(s.precision, 1.0);
        let s = run("S\tmet\tA\tB\n", "S\t0.7\tmet\tA\tB\nS\t0.6\tmet\tA\tB\n");
        // The duplicate system tuple finds no free gold tuple: precision 1/2.
        assert_close(s.precision, 1.0);
        assert_close(s.threshold, 0.7);
        assert_close(s.curve[0].precision, 0.5);
    }

    #[test]
    fn thresholds_trace_the_curve() {
        let gold = "S\tmet\tA\tB\nT\tsaw\tC\tD\n";
        let system = "S\t0.9\tmet\tA\tB\nT\t0.4\tsaw\tC\tX\nU\t0.1\tran\tE\n";
        let s = run(gold, system);
        let thresholds: Vec<f64> = s.curve.iter().map(|p| p.threshold).collect();
        // U is not in gold but its confidence is still a threshold.
        assert_eq!(thresholds, [0.1, 0.4, 0.9]);
        // T's tuple scores 2/3 both ways; above 0.4 only S's tuple is kept.
        let both = (1.0 + 2.0 / 3.0) / 2.0;
        let expected = [(both, both), (both, both), (1.0, 0.5)];
        for (point, (p, r)) in s.curve.iter().zip(expected) {
            assert_close(point.precision, p);
            assert_close(point.recall, r);
        }
        // F1 5/6 at the lowest threshold beats 2/3 at the highest.
        assert_close(s.threshold, 0.1);
        assert_close(s.f1, both);
        // Flat, then (5/6 -> 1/2), then (1/2 -> 0) at precision 1.
        assert_close(s.auc, (both - 0.5) * (both + 1.0) / 2.0 + 0.5);
    }

    #[test]
    fn greedy_precision_takes_best_pairs_first() {
        // System 1 matches gold 1 perfectly and gold 2 partly; system 2
        // matches only gold 2. Greedy: (g1, s1) = 1, then (g2, s2) = 1.
        let gold = "S\tmet\tA\tB\nS\tmet\tA\tC D\n";
        let system = "S\t0.5\tmet\tA\tB\nS\t0.5\tmet\tA\tC D\n";
        let s = run(gold, system);
        assert_close(s.precision, 1.0);
        assert_close(s.recall, 1.0);
    }

    #[test]
    fn no_system_tuples_scores_zero() {
        let s = run("S\tmet\tA\tB\n", "");
        assert_eq!((s.auc, s.precision, s.recall, s.f1), (0.0, 0.0, 0.0, 0.0));
        assert!(s.curve.is_empty());
    }
}
