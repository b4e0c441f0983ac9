//! `kg nlp` and `kg eval` through the binary, with the bundled models.

use std::path::Path;
use std::process::Command;

fn kg(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kg"))
        .args(args)
        .env_remove("KG_MODELS")
        .output()
        .unwrap()
}

#[test]
fn nlp_prints_conllu_whose_offsets_point_into_the_article() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles/003_164dee319fcdd750.txt");
    let output = kg(&["nlp", path.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text: Vec<char> = std::fs::read_to_string(&path).unwrap().chars().collect();
    let conllu = String::from_utf8(output.stdout).unwrap();
    let mut tokens = 0;
    for line in conllu
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let columns: Vec<&str> = line.split('\t').collect();
        assert_eq!(columns.len(), 10, "{line}");
        let range = columns[9]
            .split('|')
            .find_map(|m| m.strip_prefix("TokenRange="))
            .unwrap();
        let (start, end) = range.split_once(':').unwrap();
        let surface: String = text[start.parse::<usize>().unwrap()..end.parse::<usize>().unwrap()]
            .iter()
            .collect();
        assert_eq!(surface, columns[1]);
        tokens += 1;
    }
    assert!(tokens > 500, "{tokens} tokens");
    assert!(
        conllu.contains("Saleh\t") && conllu.contains("NER=B-PER"),
        "no person found"
    );
}

#[test]
fn eval_tagger_reports_accuracies() {
    let gold =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/ud-english-ewt/dev.conllu");
    let output = kg(&["eval", "tagger", "--gold", gold.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let scores: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(scores["upos"].as_f64().unwrap() > 94.5, "{scores}");
    assert_eq!(scores["tokens"], 25147);
}

#[test]
fn missing_models_directory_is_a_clear_error() {
    let output = kg(&["nlp", "--models", "/nonexistent/models", "-"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/models"));
}
