//! CoNLL-U reading: sentences, comments, skipped ranges, errors with lines.

use kg::nlp::conllu::{Sentence, read_conllu, read_conllu_file};
use kg::nlp::{NlpError, Upos, Xpos};

pub const SAMPLE: &str = "\
# sent_id = 1
# text = The dogs ran home.
1\tThe\tthe\tDET\tDT\tDefinite=Def\t2\tdet\t2:det\t_
2\tdogs\tdog\tNOUN\tNNS\tNumber=Plur\t3\tnsubj\t3:nsubj\t_
3\tran\trun\tVERB\tVBD\tTense=Past\t0\troot\t0:root\t_
4\thome\thome\tADV\tRB\t_\t3\tadvmod\t3:advmod\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t3:punct\t_

# sent_id = 2
1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t3:aux\t_
2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t3:advmod\t_
3\tgo\tgo\tVERB\tVB\t_\t0\troot\t0:root\t_
3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t3:conj\t_
4\t!\t!\tPUNCT\t.\t_\t3\tpunct\t3:punct\t_
";

pub fn sample() -> Vec<Sentence> {
    read_conllu(SAMPLE.as_bytes()).expect("sample parses")
}

#[test]
fn reads_sentences_comments_and_skips_ranges_and_empty_nodes() {
    let sents = sample();
    assert_eq!(sents.len(), 2);
    assert_eq!(sents[0].forms(), ["The", "dogs", "ran", "home", "."]);
    assert_eq!(sents[1].forms(), ["do", "n't", "go", "!"]);
    assert_eq!(sents[0].comment("text"), Some("The dogs ran home."));
    assert_eq!(sents[1].comment("sent_id"), Some("2"));
    let ran = &sents[0].tokens[2];
    assert_eq!(
        (ran.lemma.as_str(), ran.upos, ran.xpos),
        ("run", Upos::Verb, Xpos::Vbd)
    );
    assert_eq!((ran.head, ran.deprel.as_str()), (Some(0), "root"));
    assert_eq!(sents[0].tokens[3].misc, "SpaceAfter=No");
}

#[test]
fn malformed_input_names_the_line() {
    let bad_columns = "# c\n1\tThe\tthe\tDET\n";
    let err = read_conllu(bad_columns.as_bytes()).expect_err("too few columns");
    assert_eq!(err.line(), Some(2), "{err}");
    assert!(err.to_string().contains("line 2"), "{err}");
    assert!(err.to_string().contains("found 4"), "{err}");

    let bad_tag = "1\tThe\tthe\tDET\tDT\t_\t0\troot\t_\t_\n2\tx\tx\tNOPE\tNN\t_\t1\tdep\t_\t_\n";
    let err = read_conllu(bad_tag.as_bytes()).expect_err("unknown UPOS");
    assert_eq!(err.line(), Some(2));
    assert!(err.to_string().contains("NOPE"), "{err}");

    let bad_head = "1\tThe\tthe\tDET\tDT\t_\tzero\troot\t_\t_\n";
    let err = read_conllu(bad_head.as_bytes()).expect_err("bad head");
    assert_eq!(err.line(), Some(1));
}

#[test]
fn file_errors_name_the_file() {
    let dir = std::env::temp_dir().join(format!("kg-conllu-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("bad.conllu");
    std::fs::write(&path, "1\tx\n").expect("write");
    let err = read_conllu_file(&path).expect_err("bad file");
    assert!(
        matches!(&err, NlpError::Parse { location, .. } if location.file.as_deref() == Some(path.as_path())),
        "{err}"
    );
    assert!(err.to_string().contains("bad.conllu:1"), "{err}");
    let missing = read_conllu_file(dir.join("missing.conllu")).expect_err("missing");
    assert!(missing.to_string().contains("missing.conllu"), "{missing}");
    let _ = std::fs::remove_dir_all(&dir);
}
