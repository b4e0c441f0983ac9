//! Every query of the documentation's cookbook parses.

use kg::ask::parse;

#[test]
fn cookbook_queries_parse() {
    let doc = include_str!("../../docs/query-language.md");
    let cookbook = doc
        .split("## Cookbook")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("cookbook section");
    let mut count = 0;
    for line in cookbook.lines().filter(|l| l.starts_with("| ")) {
        let Some(query) = line.rsplit('`').nth(1) else {
            continue;
        };
        let query = query.replace("\\|", "|");
        if let Err(e) = parse(&query) {
            panic!("{query}\n{e}");
        }
        count += 1;
    }
    assert!(count >= 15, "only {count} cookbook queries");
}
