//! Longest-common-subsequence alignment: sentences against sentences, and within a changed
//! sentence, characters against characters (a number such as `13,699.36` counts as one unit,
//! so it is shown replaced whole rather than digit by digit).

use super::{Piece, PieceOp, SentenceChange};

/// Pairs of a removed and an added sentence at least this similar are shown as one change.
const SIMILAR: f64 = 0.5;
/// How many added sentences of a gap a removed one is tried against.
const WINDOW: usize = 4;

/// One step of an alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Same(usize, usize),
    Removed(usize),
    Added(usize),
}

/// The shortest edit script from `a` to `b` by LCS, in order.
fn script<T: PartialEq>(a: &[T], b: &[T]) -> Vec<Step> {
    // Common ends first: most edits touch few sentences, and the table is then small.
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..].iter().rev().zip(b[head..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (ma, mb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let (n, m) = (ma.len(), mb.len());
    let mut table = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[at(i, j)] = if ma[i] == mb[j] { table[at(i + 1, j + 1)] + 1 } else { table[at(i + 1, j)].max(table[at(i, j + 1)]) };
        }
    }
    let mut steps: Vec<Step> = (0..head).map(|k| Step::Same(k, k)).collect();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && ma[i] == mb[j] {
            steps.push(Step::Same(head + i, head + j));
            (i, j) = (i + 1, j + 1);
        } else if j < m && (i == n || table[at(i, j + 1)] >= table[at(i + 1, j)]) {
            steps.push(Step::Added(head + j));
            j += 1;
        } else {
            steps.push(Step::Removed(head + i));
            i += 1;
        }
    }
    steps.extend((0..tail).map(|k| Step::Same(a.len() - tail + k, b.len() - tail + k)));
    steps
}

/// Sentences added, removed and changed from `old` to `new`, in document order.
pub(crate) fn compare_sentences(old: &[String], new: &[String]) -> Vec<SentenceChange> {
    let steps = script(old, new);
    let mut found = Vec::new();
    let mut gap: (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    for step in steps {
        match step {
            Step::Same(..) => flush_gap(&mut gap, old, new, &mut found),
            Step::Removed(i) => gap.0.push(i),
            Step::Added(j) => gap.1.push(j),
        }
    }
    flush_gap(&mut gap, old, new, &mut found);
    found
}

/// One run between common sentences: similar removed/added pairs become changes, in order.
fn flush_gap(gap: &mut (Vec<usize>, Vec<usize>), old: &[String], new: &[String], found: &mut Vec<SentenceChange>) {
    let (removed, added) = std::mem::take(gap);
    let mut next = 0;
    for i in removed {
        let candidates = next..added.len().min(next + WINDOW);
        let best = candidates.map(|k| (k, pieces(&old[i], &new[added[k]]))).find(|(_, p)| similarity(p) >= SIMILAR);
        match best {
            Some((k, pieces)) => {
                found.extend(added[next..k].iter().map(|&j| SentenceChange::Added { text: new[j].clone() }));
                found.push(SentenceChange::Changed { old: old[i].clone(), new: new[added[k]].clone(), pieces });
                next = k + 1;
            }
            None => found.push(SentenceChange::Removed { text: old[i].clone() }),
        }
    }
    found.extend(added[next..].iter().map(|&j| SentenceChange::Added { text: new[j].clone() }));
}

/// Share of the two texts that is kept: 2 × kept ÷ (old + new), in characters.
fn similarity(pieces: &[Piece]) -> f64 {
    let count = |op: PieceOp| pieces.iter().filter(|p| p.op == op).map(|p| p.text.chars().count()).sum::<usize>();
    let same = count(PieceOp::Same);
    let total = 2 * same + count(PieceOp::Removed) + count(PieceOp::Added);
    if total == 0 { 1.0 } else { (2 * same) as f64 / total as f64 }
}

/// The characters of `old` and `new` aligned into kept, removed and added runs.
pub(crate) fn pieces(old: &str, new: &str) -> Vec<Piece> {
    let (a, b) = (tokens(old), tokens(new));
    let mut found: Vec<Piece> = Vec::new();
    for step in script(&a, &b) {
        let (op, text) = match step {
            Step::Same(i, _) => (PieceOp::Same, a[i]),
            Step::Removed(i) => (PieceOp::Removed, a[i]),
            Step::Added(j) => (PieceOp::Added, b[j]),
        };
        match found.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => found.push(Piece { op, text: text.to_string() }),
        }
    }
    regroup(found)
}

/// Removed runs before added runs between two kept runs, so `[-旧-]{+新+}` reads in order.
fn regroup(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut removed = String::new();
    let mut added = String::new();
    let flush = |out: &mut Vec<Piece>, removed: &mut String, added: &mut String| {
        for (op, text) in [(PieceOp::Removed, removed), (PieceOp::Added, added)] {
            if !text.is_empty() {
                out.push(Piece { op, text: std::mem::take(text) });
            }
        }
    };
    for p in pieces {
        match p.op {
            PieceOp::Same => {
                flush(&mut out, &mut removed, &mut added);
                out.push(p);
            }
            PieceOp::Removed => removed.push_str(&p.text),
            PieceOp::Added => added.push_str(&p.text),
        }
    }
    flush(&mut out, &mut removed, &mut added);
    out
}

/// Characters, with each number (digits, `,` and `.` between digits) as one token.
fn tokens(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut start = None;
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in bytes.iter().enumerate() {
        let digit = c.is_ascii_digit();
        let joiner = matches!(c, ',' | '.') && start.is_some() && bytes.get(k + 1).is_some_and(|(_, n)| n.is_ascii_digit());
        match (start, digit || joiner) {
            (None, true) => start = Some(at),
            (Some(_), true) => {}
            (Some(s), false) => {
                found.push(&text[s..at]);
                start = None;
                found.push(&text[at..at + c.len_utf8()]);
            }
            (None, false) => found.push(&text[at..at + c.len_utf8()]),
        }
    }
    if let Some(s) = start {
        found.push(&text[s..]);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(old: &str, new: &str) -> String {
        pieces(old, new)
            .iter()
            .map(|p| match p.op {
                PieceOp::Same => p.text.clone(),
                PieceOp::Removed => format!("[-{}-]", p.text),
                PieceOp::Added => format!("{{+{}+}}", p.text),
            })
            .collect()
    }

    #[test]
    fn numbers_change_whole() {
        assert_eq!(marked("收入预算13,699.36万元。", "收入预算13,741.11万元。"), "收入预算[-13,699.36-]{+13,741.11+}万元。");
        assert_eq!(marked("比上年增加4.38%。", "比上年减少4.38%。"), "比上年[-增加-]{+减少+}4.38%。");
    }

    #[test]
    fn sentences_align() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let changes = compare_sentences(&s(&["甲。", "乙一二三。", "丙。"]), &s(&["甲。", "乙一二四。", "新的。", "丙。"]));
        assert_eq!(changes.len(), 2, "{changes:?}");
        assert!(matches!(&changes[0], SentenceChange::Changed { .. }));
        assert!(matches!(&changes[1], SentenceChange::Added { text } if text == "新的。"));
    }
}
