//! Tests of [`HtsSchedule`]: lookups, iteration, shared chapters and lines, equality.

use super::*;

fn line(code: &str, general: &str) -> HtsLine {
    HtsLine::new(code.parse().unwrap(), "", general, "", "", vec![], vec![])
}

fn schedule() -> HtsSchedule {
    HtsSchedule::from_lines(vec![
        line("0101.21.00", "Free"),
        line("0101.29.00", "Free"),
        line("6402.99.90", "20%"),
        line("6402.99.90.05", ""),
        line("9902.12.34", "Free"),
        line(
            "9903.01.24",
            "The duty provided in the applicable subheading + 10%",
        ),
    ])
}

#[test]
fn lines_are_found_and_iterated_in_code_order_across_chapters() {
    let s = schedule();
    assert_eq!(s.len(), 6);
    assert_eq!(s.iter().len(), 6);
    let codes: Vec<String> = s.iter().map(|l| l.code().to_string()).collect();
    assert_eq!(
        codes,
        [
            "0101.21.00",
            "0101.29.00",
            "6402.99.90",
            "6402.99.90.05",
            "9902.12.34",
            "9903.01.24"
        ]
    );
    for code in &codes {
        assert_eq!(
            s.get(&code.parse().unwrap()).unwrap().code().to_string(),
            *code
        );
    }
    assert!(s.get(&"0101.30.00".parse().unwrap()).is_none());
    assert!(s.get(&"0102.21.00".parse().unwrap()).is_none());
    assert!(s.chapter99(&"9903.01.24".parse().unwrap()).is_some());
    assert_eq!(s.chapters().count(), 3);
    let mut iter = s.iter();
    iter.next();
    assert_eq!(iter.len(), 5);
}

#[test]
fn changes_share_the_chapters_and_lines_they_do_not_touch() {
    let old = schedule();
    let mut same = line("6402.99.90.05", "20%"); // equal to the line it replaces
    same.inherited = true;
    let new = old.with_changes(
        vec![],
        vec![
            line(
                "9903.01.24",
                "The duty provided in the applicable subheading + 20%",
            ),
            same,
        ],
    );
    let pairs: Vec<(&Arc<Chapter>, &Arc<Chapter>)> = old.chapters().zip(new.chapters()).collect();
    assert!(Arc::ptr_eq(pairs[0].0, pairs[0].1), "chapter 01 is shared");
    assert!(
        Arc::ptr_eq(pairs[1].0, pairs[1].1),
        "chapter 64 changed nothing"
    );
    assert!(!Arc::ptr_eq(pairs[2].0, pairs[2].1), "chapter 99 changed");
    let headings = |c: &Arc<Chapter>| c.headings().cloned().collect::<Vec<_>>();
    let (before, after) = (headings(pairs[2].0), headings(pairs[2].1));
    assert!(Arc::ptr_eq(&before[0], &after[0]), "heading 9902 is shared");
    assert!(!Arc::ptr_eq(&before[1], &after[1]), "heading 9903 changed");
    assert!(new
        .get(&"9903.01.24".parse().unwrap())
        .unwrap()
        .general()
        .ends_with("+ 20%"));
    assert_ne!(old, new);
    // A removal empties chapter 01's first line, then the chapter.
    let fewer = new.with_changes(vec!["0101.21.00".parse().unwrap()], vec![]);
    assert_eq!(fewer.len(), 5);
    let none = fewer.with_changes(vec!["0101.29.00".parse().unwrap()], vec![]);
    assert_eq!(none.chapters().count(), 2);
    assert!(none.get(&"0101.29.00".parse().unwrap()).is_none());
    // An addition to an empty schedule or a new chapter.
    let more = HtsSchedule::default().with_changes(vec![], vec![line("0101.21.00", "Free")]);
    assert_eq!(more.len(), 1);
    assert_eq!(
        more,
        HtsSchedule::from_lines(vec![line("0101.21.00", "Free")])
    );
}

#[test]
fn a_shared_line_parses_its_rate_once_for_every_schedule() {
    let old = schedule();
    let new = old.with_changes(vec!["0101.21.00".parse().unwrap()], vec![]);
    let code: HsCode = "0101.29.00".parse().unwrap();
    let (a, b) = (old.get(&code).unwrap(), new.get(&code).unwrap());
    assert!(std::ptr::eq(a, b));
    assert!(a.mfn().is_ok());
    assert!(
        b.mfn.get().is_some(),
        "parsed through the old schedule, cached for the new"
    );
}

#[test]
fn equality_is_by_lines_not_by_sharing() {
    let a = schedule();
    let b = schedule();
    assert_eq!(a, b);
    assert_eq!(a, a.clone());
    assert_ne!(a, HtsSchedule::default());
    assert_eq!(HtsSchedule::default(), HtsSchedule::from_lines(vec![]));
}
