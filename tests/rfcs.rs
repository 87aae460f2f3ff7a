//! Every RFC has the template's header fields and sections, a valid status,
//! and a line in the index of `RFCs/README.md`.

use std::fs;
use std::path::Path;

const FIELDS: &[&str] = &["Status", "Authors", "Created", "Decided", "Superseded-by"];
const SECTIONS: &[&str] = &[
    "## Summary",
    "## Motivation",
    "## Proposal",
    "## Rationale and alternatives",
    "## Compatibility",
    "## Conformance tests",
    "## Open questions",
];
const STATUSES: &[&str] = &["draft", "accepted", "rejected", "superseded"];

fn field<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let prefix = format!("- {name}: ");
    text.lines().find_map(|l| l.strip_prefix(&prefix)).map(str::trim)
}

/// The problems of one RFC file.
fn check(name: &str, text: &str, index: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let number = &name[..4];
    let title_number = if number == "0000" { "NNNN" } else { number };
    if !text.starts_with(&format!("# RFC {title_number}: ")) {
        problems.push(format!("{name}: the title must be `# RFC {number}: ...`"));
    }
    for f in FIELDS {
        if field(text, f).is_none() {
            problems.push(format!("{name}: missing header field `{f}`"));
        }
    }
    let mut last = 0;
    for s in SECTIONS {
        match text.find(&format!("\n{s}\n")) {
            Some(at) if at >= last => last = at,
            Some(_) => problems.push(format!("{name}: section `{s}` is out of order")),
            None => problems.push(format!("{name}: missing section `{s}`")),
        }
    }
    if number != "0000" {
        match field(text, "Status") {
            Some(s) if STATUSES.contains(&s) => {
                if s == "superseded" && field(text, "Superseded-by").is_none_or(|v| v == "—") {
                    problems.push(format!("{name}: superseded without `Superseded-by`"));
                }
                if s != "draft" && field(text, "Decided").is_none_or(|v| v == "—") {
                    problems.push(format!("{name}: status `{s}` needs a `Decided` date"));
                }
                if !index.contains(&format!("[{number}]({name})")) {
                    problems.push(format!("{name}: not listed in RFCs/README.md"));
                }
            }
            other => problems.push(format!(
                "{name}: invalid status {other:?} (expected one of {STATUSES:?})"
            )),
        }
    }
    problems
}

#[test]
fn every_rfc_follows_the_template() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("RFCs");
    let index = fs::read_to_string(dir.join("README.md")).unwrap();
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".md") && n != "README.md")
        .collect();
    names.sort();
    assert!(
        names.len() >= 4,
        "expected the template and the founding RFCs, found {names:?}"
    );
    let mut problems = Vec::new();
    for name in &names {
        let valid_name = name.len() > 8 && name[..4].bytes().all(|b| b.is_ascii_digit()) && &name[4..5] == "-";
        if !valid_name {
            problems.push(format!("{name}: file names are `NNNN-title.md`"));
            continue;
        }
        problems.extend(check(name, &fs::read_to_string(dir.join(name)).unwrap(), &index));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_catches_mistakes() {
    let good = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("RFCs/0001-rfc-process.md")).unwrap();
    let index = "[0001](0001-rfc-process.md)";
    assert!(check("0001-rfc-process.md", &good, index).is_empty());
    let bad_status = good.replace("- Status: accepted", "- Status: maybe");
    assert!(!check("0001-rfc-process.md", &bad_status, index).is_empty());
    let no_section = good.replace("## Open questions", "## Questions");
    assert!(!check("0001-rfc-process.md", &no_section, index).is_empty());
    assert!(
        !check("0001-rfc-process.md", &good, "").is_empty(),
        "unlisted RFC accepted"
    );
}
