//! Inputs that fuzzing or stress runs found harmful, kept in `tests/fixtures/fuzz/`: each
//! is checked as a page of a small site, and must give errors, not a panic or a hang.

use std::sync::mpsc;
use std::time::Duration;

use crate::common::{fixture, scratch_copy};

/// Checks the minimal site with `bytes` as one more page; returns every diagnostic.
fn check_with_page(bytes: &[u8]) -> Vec<fansite::Diagnostic> {
    let site = scratch_copy("minimal");
    std::fs::write(site.path().join("content/input.md"), bytes).unwrap();
    let (done, result) = mpsc::channel();
    let root = site.path().to_path_buf();
    std::thread::spawn(move || {
        let outcome =
            std::panic::catch_unwind(|| fansite::check(&fansite::BuildOptions::new(root)));
        let _ = done.send(outcome.map(|r| match r {
            Ok(_) => Vec::new(),
            Err(fansite::Error::Site(diagnostics)) => diagnostics,
            Err(other) => panic!("unexpected {other}"),
        }));
    });
    // A guard against a hang, far above the milliseconds these take.
    match result.recv_timeout(Duration::from_secs(120)) {
        Ok(Ok(diagnostics)) => diagnostics,
        Ok(Err(_)) => panic!("fansite panicked"),
        Err(_) => panic!("fansite hung"),
    }
}

#[test]
fn every_kept_input_gives_errors_without_panicking() {
    let dir = fixture("fuzz");
    let mut inputs = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n == "README.md") {
            continue;
        }
        for diagnostic in check_with_page(&std::fs::read(&path).unwrap()) {
            let text = diagnostic.render(false);
            assert!(text.starts_with("error: "), "{}: {text}", path.display());
        }
        inputs += 1;
    }
    assert!(inputs >= 3, "{inputs} inputs in {}", dir.display());
}

#[test]
fn a_carriage_return_after_an_unfinished_key_is_located_on_its_line() {
    let diagnostics = check_with_page(b"+++\ntie = \r\r\n+++\n");
    let location = diagnostics[0].location.as_ref().expect("located");
    assert_eq!((location.line, location.line_text.as_str()), (2, "tie = "));
}

#[test]
fn thousands_of_errors_in_one_file_show_twenty_and_a_count() {
    let links = check_with_page(&std::fs::read(fixture("fuzz/quadratic-broken-links.md")).unwrap());
    assert_eq!(links.len(), 21);
    assert_eq!(
        links[20].message,
        "4980 more links to pages that do not exist"
    );
    assert!(links[..20].iter().all(|d| d.location.is_some()));

    let names = check_with_page(&std::fs::read(fixture("fuzz/quadratic-featuring.md")).unwrap());
    assert_eq!(names.len(), 21);
    assert_eq!(
        names[20].message,
        "4980 more names in `featuring` have no letters or digits"
    );
}
