//! Ranking by momentum score: longs by score descending, shorts by score ascending among
//! the rest, ties broken by symbol name ascending.

/// The chosen symbols (by index in name order) with their scores, best long first and
/// worst short first.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ranking {
    pub(crate) longs: Vec<(usize, f64)>,
    pub(crate) shorts: Vec<(usize, f64)>,
}

/// Ranks `scored` (symbol index, score) pairs. Symbol indices follow name order, so the
/// index is the name tie-break. The shorts are taken from the symbols not chosen as longs,
/// which keeps the two sides apart when ties would otherwise put a symbol on both.
pub(crate) fn rank(mut scored: Vec<(usize, f64)>, long_count: usize, short_count: usize) -> Ranking {
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut rest = scored.split_off(long_count.min(scored.len()));
    rest.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    rest.truncate(short_count);
    Ranking { longs: scored, shorts: rest }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_scores_go_long_and_worst_go_short() {
        let ranking = rank(vec![(0, 0.1), (1, -0.3), (2, 0.5), (3, 0.0), (4, -0.1)], 2, 2);
        assert_eq!(ranking.longs, vec![(2, 0.5), (0, 0.1)]);
        assert_eq!(ranking.shorts, vec![(1, -0.3), (4, -0.1)]);
    }

    #[test]
    fn ties_go_to_the_first_name_on_both_sides_without_overlap() {
        // All equal: longs are the first names, shorts the first names of the rest.
        let ranking = rank(vec![(3, 0.2), (0, 0.2), (2, 0.2), (1, 0.2)], 1, 2);
        assert_eq!(ranking.longs, vec![(0, 0.2)]);
        assert_eq!(ranking.shorts, vec![(1, 0.2), (2, 0.2)]);
    }
}
