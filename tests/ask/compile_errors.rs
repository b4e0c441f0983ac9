//! What `resolve` and `compile` refuse, and what `graph_task` gives the
//! caller for `path` and `neighbors`.

use crate::common::E;
use kg::ask::{AskError, GraphTask, Resolved, compile, graph_task, parse};

fn compile_error(query: &str) -> String {
    match crate::common::run(query) {
        Ok((c, _)) => panic!("{query} compiled:\n{}", c.sparql),
        Err(e) => e,
    }
}

#[test]
fn semantic_mistakes_are_explained() {
    assert_eq!(
        compile_error("?x -part_of-> ?y where ?z != ?y"),
        "?z is used in a filter but appears in no pattern"
    );
    assert_eq!(
        compile_error("?x -part_of-> ?y | sort ?z"),
        "?z is used in 'sort' but appears in no pattern"
    );
    assert_eq!(
        compile_error("?x -part_of-> ?y | distinct ?y | sort ?x"),
        "cannot sort by ?x: it is not shown (add it to 'distinct')"
    );
    assert_eq!(
        compile_error("?x -part_of-> ?y where ?y > Kabul"),
        "'>' compares values; compare ?y with an entity using = or !="
    );
    assert_eq!(
        compile_error("?x -part_of-> ?y | count by ?z"),
        "?z is used in 'count by' but appears in no pattern"
    );
    assert_eq!(
        compile_error("?x -surounds-> ?y"),
        "unknown relation 'surounds'; did you mean surround?"
    );
}

#[test]
fn unresolved_names_are_a_caller_error_not_a_panic() {
    let q = parse("Saleh -claims-> ?x").expect("parses");
    assert_eq!(
        compile(&q, &Resolved::default()),
        Err(AskError::Unresolved {
            name: "Saleh".to_owned()
        })
    );
}

#[test]
fn path_and_neighbors_are_graph_tasks() {
    let mut resolved = Resolved::default();
    resolved
        .entities
        .insert("Saleh".to_owned(), vec![format!("{E}amrullah_saleh")]);
    resolved
        .entities
        .insert("Panjshir".to_owned(), vec![format!("{E}panjshir")]);
    let q = parse("path Saleh to Panjshir").expect("parses");
    assert_eq!(compile(&q, &resolved), Err(AskError::NotSparql("path")));
    assert_eq!(
        graph_task(&q, &resolved),
        Ok(Some(GraphTask::Path {
            from: vec![format!("{E}amrullah_saleh")],
            to: vec![format!("{E}panjshir")],
            max: 6
        }))
    );
    let q = parse("neighbours Panjshir depth 2").expect("parses");
    assert_eq!(
        graph_task(&q, &resolved),
        Ok(Some(GraphTask::Neighbors {
            center: vec![format!("{E}panjshir")],
            depth: 2
        }))
    );
    let q = parse("Saleh -> ?x").expect("parses");
    assert_eq!(graph_task(&q, &resolved), Ok(None));
}
