//! The `kg` command: parses arguments and calls the library.

mod progress;

use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::{Args, CommandFactory, Parser, Subcommand};

use kg::export::ExportFormat;
use kg::export::svg::Engine;
use kg::format::{OutputFormat, RdfFileFormat};
use kg::graph::{KnowledgeGraph, Selection};
use kg::ingest;
use kg::nlp::pipeline::Models;
use kg::store::{GraphSelector, KgStore, Location, OpenMode, Source};
use kg::vocab::{DEFAULT_BASE, Iris};

/// Turn news articles into a knowledge graph you can query.
///
/// kg keeps its graph in an embedded RDF store (a directory, ./kg.db by
/// default). Load RDF or ingest articles into it, then query it with SPARQL or
/// dump it in any RDF format.
#[derive(Parser)]
#[command(
    name = "kg",
    version,
    after_help = "Examples:
  kg ingest data/articles                  build the graph from articles
  kg stats                                 what is in the store
  kg query 'SELECT ?s ?label WHERE { ?s rdfs:label ?label } LIMIT 10'
  kg --memory load tests/fixtures/people.ttl
  kg dump --format trig -o graph.trig"
)]
struct Cli {
    #[command(flatten)]
    store: StoreArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct StoreArgs {
    /// Store directory (created by commands that write).
    #[arg(
        long,
        global = true,
        env = "KG_STORE",
        default_value = "kg.db",
        value_name = "DIR"
    )]
    store: PathBuf,
    /// Use a throwaway in-memory store instead of --store.
    #[arg(long, global = true)]
    memory: bool,
    /// Base IRI under which entity, relation and article IRIs are minted.
    #[arg(long, global = true, env = "KG_BASE", default_value = DEFAULT_BASE, value_name = "IRI")]
    base: String,
}

#[derive(Subcommand)]
enum Command {
    /// Load RDF files into the store, each file in one transaction.
    #[command(
        after_help = "The format comes from the file extension (.ttl .nt .nq .trig .rdf .owl \
.jsonld .json) unless --format is given; standard input (-) needs --format. A file with a \
syntax error is reported with its line and column and nothing from it is loaded; the other \
files still are.

Examples:
  kg load people.ttl places.nq
  kg load --graph https://example.org/g1 extra.ttl
  curl -s https://example.org/data.nt | kg load --format nt -"
    )]
    Load {
        /// Files to load, or - for standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// turtle (ttl), ntriples (nt), nquads (nq), trig, rdfxml (rdf), jsonld.
        #[arg(long, short = 'F')]
        format: Option<RdfFileFormat>,
        /// Load triples into this named graph instead of the default graph.
        #[arg(long, value_name = "IRI")]
        graph: Option<String>,
    },
    /// Ask the graph a one-line question (compiled to SPARQL).
    #[command(
        after_help = "Names match labels and alternative labels ignoring case and accents, \
then fuzzily (Panchir finds Panjshir); stderr says how a name was understood. The full \
language is in docs/query-language.md.

Examples:
  kg ask 'Saleh -claims-> ?x'
  kg ask '?who -surround-> Panjshir | evidence'
  kg ask 'Panjshir <-surround- ?who'
  kg ask 'Al-Qaida -kill-> ?v <-son_of- ?son'
  kg ask '?p:Person -> ?x where ?x ~ \"valley\" | sort ?p | limit 10'
  kg ask 'about \"Ahmad Shah Massoud\"'
  kg ask 'path Saleh to Taliban' --format dot | dot -Tsvg > path.svg
  kg ask 'neighbors Panjshir depth 2'
  kg ask 'entities :Person'   kg ask relations
  kg ask --explain 'Saleh -> ?x'          print the SPARQL it runs"
    )]
    Ask {
        /// The query, e.g. 'Saleh -claims-> ?x'.
        query: String,
        /// table, json, csv, tsv, or dot (Graphviz, the facts the answer covers).
        #[arg(long, short = 'F', default_value = "table", value_parser = ["table", "json", "csv", "tsv", "dot"])]
        format: String,
        /// Print the SPARQL the query compiles to, then run it.
        #[arg(long)]
        explain: bool,
    },
    /// Run a SPARQL 1.1 query.
    #[command(
        after_help = "The default graph is the knowledge graph: each entity, relation, fact \
and statement once, however many articles state it (and whatever `kg load` put there). \
What one article said, with its evidence, is in its named graph: GRAPH ?article { ... }. \
The prefixes rdf: rdfs: xsd: schema: skos: owl: kg: are predeclared, and relative IRIs \
resolve against --base.

Output: SELECT and ASK print an aligned table, or --format json|csv|tsv|xml (the SPARQL \
results formats). CONSTRUCT and DESCRIBE print Turtle, or --format nt|nq|trig|jsonld|rdfxml.

Examples:
  kg query 'SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name }'
  kg query --format csv 'SELECT * WHERE { ?s ?p ?o } LIMIT 5' > sample.csv
  kg query -f report.rq --format json
  kg query 'CONSTRUCT WHERE { ?s rdfs:label ?l }' --format nt"
    )]
    Query {
        /// The query text (or use --file).
        #[arg(required_unless_present = "file", conflicts_with = "file")]
        sparql: Option<String>,
        /// Read the query from a file (- for standard input).
        #[arg(long, short = 'f', value_name = "FILE")]
        file: Option<PathBuf>,
        /// table, json, csv, tsv, xml; or ttl, nt, nq, trig, jsonld, rdfxml.
        #[arg(long, short = 'F')]
        format: Option<OutputFormat>,
    },
    /// Run a SPARQL 1.1 Update.
    #[command(
        after_help = "Updates see graphs as queries do: the default graph is the knowledge \
graph, and article graphs are named graphs (use GRAPH or WITH). An edit of the default \
graph lasts until an article that supports the triple is ingested or forgotten again.

Examples:
  kg update 'INSERT DATA { <https://kg.example/entity/X> rdfs:label \"X\" }'
  kg update 'DELETE WHERE { ?s skos:altLabel \"Panchir\" }'"
    )]
    Update {
        /// The update text (or use --file).
        #[arg(required_unless_present = "file", conflicts_with = "file")]
        sparql: Option<String>,
        /// Read the update from a file (- for standard input).
        #[arg(long, short = 'f', value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Write the store, or one graph, as RDF.
    #[command(
        after_help = "N-Quads and TriG keep graph names. Turtle, N-Triples and RDF/XML \
hold one graph: without --graph they get the default graph, the knowledge graph \
without its provenance.

Examples:
  kg dump > backup.nq
  kg dump --format trig -o graph.trig
  kg dump --format ttl --graph default"
    )]
    Dump {
        /// nq (default), trig, ttl, nt, jsonld, rdfxml.
        #[arg(long, short = 'F', default_value = "nq")]
        format: RdfFileFormat,
        /// Only this graph: an IRI, or 'default' for the unnamed graph.
        #[arg(long, value_name = "IRI")]
        graph: Option<String>,
        /// Write to FILE instead of standard output (replaced only on success).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Count articles, entities by type, relations and facts.
    #[command(
        after_help = "Examples:\n  kg stats\n  kg stats --central 10\n  kg stats --json | jq .entities"
    )]
    Stats {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Also list the N most central entities (PageRank over the fact graph)
        /// and count the graph's connected components.
        #[arg(long, value_name = "N")]
        central: Option<usize>,
    },
    /// Export the fact graph, or part of it, for Graphviz, Gephi, Cytoscape or Neo4j.
    #[command(
        after_help = "Formats: dot (Graphviz), svg (drawn without Graphviz, or with \
--engine dot), graphml (Gephi, yEd, Cytoscape desktop), json (Cytoscape.js elements), csv \
(Neo4j bulk import: -o DIR gets nodes.csv and relationships.csv).

Selections combine: --article, --relation and --type filter facts and entities; --around \
keeps what lies within --depth hops of the named entities; --min-degree drops entities with \
fewer facts; --top keeps the N most central entities.

Each fact carries its evidence: a DOT tooltip gives its number of mentions, one sentence and up \
to 10 of the articles that state it (\"and N more\"), an SVG one the sentence; the other formats \
list every article.

Examples:
  kg export -o graph.dot && dot -Tpng graph.dot -o graph.png
  kg export --format svg --around Saleh --depth 2 -o saleh.svg
  kg export --format graphml --type Person --type Organization -o people.graphml
  kg export --format csv -o neo4j/ && neo4j-admin database import full \\
      --nodes=neo4j/nodes.csv --relationships=neo4j/relationships.csv
  kg export --relation surround --relation attack --format json"
    )]
    Export {
        /// dot, svg, graphml, json, csv.
        #[arg(long, short = 'F', default_value = "dot")]
        format: ExportFormat,
        /// Output file (directory for csv); standard output when omitted.
        #[arg(long, short = 'o', value_name = "PATH")]
        output: Option<PathBuf>,
        /// Keep entities around this one (label or alias; repeatable).
        #[arg(long, value_name = "NAME")]
        around: Vec<String>,
        /// Hops from --around entities.
        #[arg(long, default_value_t = 1, value_name = "N")]
        depth: usize,
        /// Keep only facts with this relation (repeatable).
        #[arg(long = "relation", value_name = "R")]
        relations: Vec<String>,
        /// Keep only entities of this type, e.g. Person (repeatable).
        #[arg(long = "type", value_name = "T")]
        types: Vec<String>,
        /// Keep only facts stated by this article (id from `kg articles`).
        #[arg(long, value_name = "ID")]
        article: Option<String>,
        /// Drop entities with fewer facts than N.
        #[arg(long, default_value_t = 0, value_name = "N")]
        min_degree: usize,
        /// Keep only the N most central entities.
        #[arg(long, value_name = "N")]
        top: Option<usize>,
        /// SVG layout: builtin, or dot (Graphviz on PATH).
        #[arg(long, default_value = "builtin", value_parser = ["builtin", "dot"])]
        engine: String,
    },
    /// List ingested articles.
    #[command(after_help = "Examples:\n  kg articles\n  kg articles --json")]
    Articles {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Remove articles and whatever only they supported.
    #[command(
        after_help = "An article is named by its id (see `kg articles`), its IRI or its \
source path. Facts, names and types that other articles also state are kept.

Examples:
  kg forget 000_4e09df6656756604"
    )]
    Forget {
        #[arg(required = true, value_name = "ARTICLE")]
        articles: Vec<String>,
    },
    /// Annotate a text file with the NLP pipeline and print CoNLL-U.
    #[command(
        after_help = "Columns are UD's; MISC holds TokenRange=START:END (character offsets \
in the file), SpaceAfter=No, and NER=B-PER style entity tags.

Examples:
  kg nlp data/articles/000_4e09df6656756604.txt
  kg nlp - < article.txt
  kg nlp --pretokenized sentences.txt   # one sentence per line, tokens split by spaces"
    )]
    Nlp {
        /// A text file (UTF-8, UTF-16 or a legacy encoding such as
        /// Windows-1252), or - for standard input.
        file: PathBuf,
        /// Input is one tokenized sentence per line, tokens separated by spaces.
        #[arg(long)]
        pretokenized: bool,
        #[command(flatten)]
        models: ModelsArg,
    },
    /// Train a model of the NLP pipeline (deterministic for a given --seed).
    #[command(
        after_help = "Progress (dev scores per epoch) goes to stderr as JSON lines; the \
final report to stdout. The NER and parser trainings tag their data with the tagger in --models.

Examples:
  kg train tagger --train ../shared/corpora/ud-english-ewt/train.conllu \\
      --dev ../shared/corpora/ud-english-ewt/dev.conllu --out data/models/tagger.bin
  kg train ner --train ../shared/corpora/conll2003/train.txt \\
      --dev ../shared/corpora/conll2003/dev.txt --out data/models/ner.bin
  kg train parser --train ../shared/corpora/ud-english-ewt/train.conllu \\
      --dev ../shared/corpora/ud-english-ewt/dev.conllu --out data/models/parser.bin"
    )]
    Train {
        /// tagger, ner or parser.
        #[arg(value_parser = ["tagger", "ner", "parser"])]
        model: String,
        #[arg(long, value_name = "FILE")]
        train: PathBuf,
        #[arg(long, value_name = "FILE")]
        dev: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Default: the model's own.
        #[arg(long)]
        epochs: Option<usize>,
        /// Unlabelled text for the tagger's word clusters (repeatable).
        #[arg(long, value_name = "FILE")]
        unlabelled: Vec<PathBuf>,
        #[command(flatten)]
        models: ModelsArg,
    },
    /// Score a component against reference data.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Print a shell completion script.
    #[command(after_help = "Examples:
  kg completions bash > ~/.local/share/bash-completion/completions/kg
  kg completions zsh > ~/.zfunc/_kg          (with fpath+=~/.zfunc before compinit)
  kg completions fish > ~/.config/fish/completions/kg.fish")]
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), generated from this help.
    #[command(after_help = "Examples:
  kg man | man -l -
  kg man > ~/.local/share/man/man1/kg.1")]
    Man,
    /// Ingest text articles (.txt, .md files or directories of them).
    #[command(
        after_help = "Ingestion is idempotent: an unchanged article is skipped, a changed \
one (same path, new text) has its graph replaced. Each article is written in one transaction, so \
a failure never leaves half an article. Articles are read in parallel, then entities are resolved \
across all of them and against the entities already in the store (Panchir = Pansir; a surname to \
the full name), so every name becomes an alternative label of one node.

Examples:
  kg ingest data/articles
  kg ingest --jobs 2 news/ extra.txt"
    )]
    Ingest {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Worker threads (default: all cores).
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
        #[command(flatten)]
        models: ModelsArg,
    },
    /// Extract facts from text files without a store.
    #[command(
        after_help = "Entities are resolved across all the given files. Formats: jsonl (one \
fact per line: subject, predicate, object with ids, labels, types and aliases; negated; \
modality; confidence; qualifiers; evidence), nq and ttl (the quads `kg ingest` would store), \
carb (CaRB's tabbed Open IE format: sentence, confidence, relation, arg1, arg2, ...).

Examples:
  kg extract data/articles                       # every .txt and .md file in it
  echo 'The Taliban surround the Panshir valley.' | kg extract -
  kg extract --format ttl article.txt > article.ttl
  kg extract --format carb --pretokenized ../shared/corpora/carb/dev-sentences.txt > ours.tab
  kg eval openie --gold ../shared/corpora/carb/dev-gold.tsv --system ours.tab"
    )]
    Extract {
        /// Text files, directories of them (.txt and .md, searched recursively, as for
        /// ingest), or - for standard input.
        #[arg(required = true, value_name = "PATH")]
        files: Vec<PathBuf>,
        #[arg(long, short = 'F', value_enum, default_value_t = ExtractFormat::Jsonl)]
        format: ExtractFormat,
        /// Input is one tokenized sentence per line, tokens separated by spaces.
        #[arg(long)]
        pretokenized: bool,
        #[command(flatten)]
        models: ModelsArg,
    },
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Tagger accuracy (UPOS, XPOS, lemma) on a CoNLL-U file, gold tokenization.
    #[command(
        after_help = "Example:\n  kg eval tagger --gold ../shared/corpora/ud-english-ewt/dev.conllu"
    )]
    Tagger {
        /// Gold CoNLL-U file (UD); its tokenization is kept
        #[arg(long, value_name = "FILE")]
        gold: PathBuf,
        #[command(flatten)]
        models: ModelsArg,
    },
    /// Parser UAS and LAS (all tokens, punctuation included) with predicted tags.
    #[command(after_help = "Examples:
  kg eval parser --gold ../shared/corpora/ud-english-ewt/dev.conllu
  kg eval parser --gold dev.conllu --beam 1            # greedy, as trained
  kg eval parser --gold dev.conllu --beam 4 --temperature 50 --margin inf")]
    Parser {
        /// Gold CoNLL-U file (UD); its tokenization is kept
        #[arg(long, value_name = "FILE")]
        gold: PathBuf,
        /// Beam width; 1 parses greedily [default: the pipeline's, 2]
        #[arg(long, value_name = "WIDTH")]
        beam: Option<usize>,
        /// Softmax temperature of the beam's transition scores, in perceptron
        /// update units [default: the pipeline's, 40]
        #[arg(long, value_name = "T")]
        temperature: Option<f64>,
        /// Drop hypotheses whose log-probability is more than M below the
        /// best one; `inf` never drops [default: the pipeline's, 3]
        #[arg(long, value_name = "M")]
        margin: Option<f64>,
        #[command(flatten)]
        models: ModelsArg,
    },
    /// Entity recognizer exact-span precision, recall and F1 (conlleval) on CoNLL-2003.
    #[command(after_help = "Examples:
  kg eval ner --gold ../shared/corpora/conll2003/dev.txt
  kg eval ner --gold dev.txt --recase title     # as if every sentence were a headline")]
    Ner {
        /// CoNLL-2003 file: one token per line (word, POS, chunk, IOB entity
        /// tag), blank lines between sentences, -DOCSTART- between documents
        #[arg(long, value_name = "FILE")]
        gold: PathBuf,
        /// Rewrite every sentence in this casing first (the tagger re-tags it),
        /// to measure robustness to text that is not cased like Reuters
        #[arg(long, value_name = "STYLE")]
        recase: Option<RecaseArg>,
        #[command(flatten)]
        models: ModelsArg,
    },
    /// Score Open IE extractions with CaRB's matching (AUC, and P/R/F1 at the best-F1 point).
    #[command(
        after_help = "GOLD is CaRB's gold TSV (sentence, relation, arg1, arg2, ...); SYSTEM \
is CaRB's tabbed format (sentence, confidence, relation, arg1, arg2, ...). The scorer \
reproduces the official CaRB figures for the published OpenIE-5 output.

Examples:
  kg eval openie --gold ../shared/corpora/carb/dev-gold.tsv \\
                 --system ../shared/corpora/carb/openie5-dev.tab
  kg eval openie --gold dev-gold.tsv --system ours.tab --json"
    )]
    Openie {
        #[arg(long, value_name = "FILE")]
        gold: PathBuf,
        #[arg(long, value_name = "FILE")]
        system: PathBuf,
        /// Print JSON, with the precision-recall curve.
        #[arg(long)]
        json: bool,
    },
}

/// `kg eval ner --recase`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum RecaseArg {
    /// Headline Title Case
    Title,
    Lower,
    Upper,
}

impl From<RecaseArg> for kg::nlp::ner::Recase {
    fn from(arg: RecaseArg) -> Self {
        match arg {
            RecaseArg::Title => Self::Title,
            RecaseArg::Lower => Self::Lower,
            RecaseArg::Upper => Self::Upper,
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExtractFormat {
    Jsonl,
    Nq,
    Ttl,
    Carb,
}

#[derive(Args)]
struct ModelsArg {
    /// Directory of trained models (default: $KG_MODELS, else the models built into kg;
    /// training and evaluation default to the checkout's data/models)
    #[arg(long, value_name = "DIR")]
    models: Option<PathBuf>,
}

impl ModelsArg {
    /// The models to extract with.
    fn models(&self) -> Models {
        match &self.models {
            Some(dir) => Models::Dir(dir.clone()),
            None => Models::from_env(),
        }
    }

    /// The directory training and evaluation read models from.
    fn dir(&self) -> PathBuf {
        self.models
            .clone()
            .unwrap_or_else(kg::nlp::pipeline::default_models_dir)
    }
}

/// The error and its causes, `: `-separated, skipping a cause whose text
/// the message already contains (library errors name their source).
fn describe(error: &anyhow::Error) -> String {
    let mut message = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !message.contains(&cause) {
            message.push_str(": ");
            message.push_str(&cause);
        }
    }
    message
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("kg: error: {}", describe(&error));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let command = match cli.command {
        Command::Eval(command) => return run_eval(command),
        Command::Completions { shell } => {
            let mut out = std::io::stdout().lock();
            clap_complete::generate(shell, &mut Cli::command(), "kg", &mut out);
            return Ok(ExitCode::SUCCESS);
        }
        Command::Man => {
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Nlp {
            file,
            pretokenized,
            models,
        } => return run_nlp(&file, pretokenized, &models.models()),
        Command::Extract {
            files,
            format,
            pretokenized,
            models,
        } => {
            return run_extract(
                &files,
                format,
                pretokenized,
                &models.models(),
                &cli.store.base,
            );
        }
        Command::Train {
            model,
            train,
            dev,
            out,
            seed,
            epochs,
            unlabelled,
            models,
        } => {
            let config = kg::nlp::train::TrainConfig {
                train,
                dev,
                out,
                seed,
                epochs,
                unlabelled,
            };
            return run_train(&model, &config, &models.dir());
        }
        other => other,
    };
    let mode = match command {
        Command::Load { .. }
        | Command::Update { .. }
        | Command::Forget { .. }
        | Command::Ingest { .. } => OpenMode::CreateIfMissing,
        _ => OpenMode::ReadOnly,
    };
    let store = open_store(&cli.store, mode)?;
    match command {
        Command::Load {
            files,
            format,
            graph,
        } => load(&store, &files, format, graph.as_deref()),
        Command::Query {
            sparql,
            file,
            format,
        } => {
            let text = query_text(sparql, file.as_deref())?;
            let results = store.query(&text)?;
            let stdout = std::io::stdout().lock();
            kg::output::write_query_results(
                results,
                format,
                store.iris().base(),
                BufWriter::new(stdout),
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Ask {
            query,
            format,
            explain,
        } => run_ask(&store, &query, &format, explain),
        Command::Update { sparql, file } => {
            store.update(&query_text(sparql, file.as_deref())?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Dump {
            format,
            graph,
            output,
        } => {
            let graph = graph.as_deref().map(GraphSelector::parse).transpose()?;
            let count = dump(&store, format, graph.as_ref(), output.as_deref())?;
            eprintln!(
                "kg: wrote {count} {}",
                if format.supports_datasets() {
                    "quads"
                } else {
                    "triples"
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats { json, central } => {
            let stats = store.stats()?;
            let (central, components) = match central {
                Some(n) => {
                    let graph = KnowledgeGraph::from_store(&store)?;
                    (graph.central(n), Some(graph.components()))
                }
                None => (Vec::new(), None),
            };
            let mut out = std::io::stdout().lock();
            if json {
                let mut value = serde_json::to_value(&stats)?;
                if let Some(components) = &components {
                    value["central"] = serde_json::to_value(&central)?;
                    value["components"] = serde_json::to_value(components)?;
                }
                writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
            } else {
                print_stats(&stats, &mut out)?;
                if let Some(components) = &components {
                    writeln!(
                        out,
                        "components      {} (largest: {} entities)\n",
                        components.count, components.largest
                    )?;
                    print_central(&central, &mut out)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            format,
            output,
            around,
            depth,
            relations,
            types,
            article,
            min_degree,
            top,
            engine,
        } => {
            let selection = Selection {
                around,
                depth,
                relations,
                types,
                article,
                min_degree,
                top,
            };
            let graph = KnowledgeGraph::selected(&store, &selection, format.article_list())?;
            let engine = if engine == "dot" {
                Engine::Graphviz
            } else {
                Engine::Builtin
            };
            export(&graph, format, engine, output.as_deref())?;
            eprintln!(
                "kg: exported {} entities and {} facts",
                graph.node_count(),
                graph.edge_count()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Articles { json } => {
            let articles = store.articles()?;
            let mut out = std::io::stdout().lock();
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&articles)?)?;
            } else {
                let header = ["id", "facts", "ingested", "title", "source"].map(String::from);
                let rows: Vec<Vec<String>> = articles
                    .iter()
                    .map(|a| {
                        vec![
                            a.id.clone(),
                            a.evidence.to_string(),
                            a.ingested_at.clone(),
                            a.title.clone(),
                            a.source_path.clone(),
                        ]
                    })
                    .collect();
                kg::output::write_table(&header, &rows, &mut out)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Forget { articles } => {
            for selector in &articles {
                let article = store.forget(selector)?;
                eprintln!("kg: forgot {} ({})", article.id, article.source_path);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Ingest {
            paths,
            jobs,
            models,
        } => run_ingest(&store, &paths, jobs, &models.models()),
        Command::Eval(_)
        | Command::Nlp { .. }
        | Command::Train { .. }
        | Command::Extract { .. }
        | Command::Completions { .. }
        | Command::Man => {
            unreachable!("handled before the store is opened")
        }
    }
}

fn open_store(args: &StoreArgs, mode: OpenMode) -> anyhow::Result<KgStore> {
    let iris = Iris::new(&args.base)?;
    let location = if args.memory {
        Location::Memory
    } else {
        Location::Disk(args.store.clone())
    };
    Ok(KgStore::open(&location, mode, iris)?)
}

/// Loads each file in its own transaction; a failed file does not stop the
/// others, but makes the exit status non-zero.
fn load(
    store: &KgStore,
    files: &[PathBuf],
    format: Option<RdfFileFormat>,
    graph: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let graph = graph.map(GraphSelector::parse).transpose()?;
    let mut failed = 0;
    for file in files {
        match load_one(store, file, format, graph.as_ref()) {
            Ok(0) => eprintln!(
                "kg: {}: no triples (empty file?); nothing loaded",
                file.display()
            ),
            Ok(n) => eprintln!("kg: loaded {n} quads from {}", file.display()),
            Err(error) => {
                eprintln!("kg: error: {}", describe(&error));
                eprintln!("kg: nothing was loaded from {}", file.display());
                failed += 1;
            }
        }
    }
    if failed > 0 {
        eprintln!("kg: {failed} of {} files failed", files.len());
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn load_one(
    store: &KgStore,
    file: &Path,
    format: Option<RdfFileFormat>,
    graph: Option<&GraphSelector>,
) -> anyhow::Result<usize> {
    if file == Path::new("-") {
        let Some(format) = format else {
            bail!("reading RDF from standard input needs --format (e.g. --format ttl)");
        };
        let source = Source {
            name: "<stdin>",
            format,
            graph,
        };
        return Ok(store.load(&source, std::io::stdin().lock())?);
    }
    let format = match format.or_else(|| RdfFileFormat::from_path(file)) {
        Some(format) => format,
        None if file.is_dir() => return Err(kg::Error::IsADirectory { path: file.into() }.into()),
        None => return Err(kg::Error::UnknownRdfFormat { path: file.into() }.into()),
    };
    Ok(store.load_file(file, format, graph)?)
}

/// The query text from the argument, a file, or standard input (`-f -`).
fn query_text(inline: Option<String>, file: Option<&Path>) -> anyhow::Result<String> {
    match (inline, file) {
        (Some(text), _) => Ok(text),
        (None, Some(path)) if path == Path::new("-") => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("reading the query from standard input")?;
            Ok(text)
        }
        (None, Some(path)) => {
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
        }
        (None, None) => bail!("give the query as an argument or with --file"),
    }
}

/// Dumps to stdout, or to a temporary file renamed over `output` on success
/// so a failed dump never leaves a truncated file.
fn dump(
    store: &KgStore,
    format: RdfFileFormat,
    graph: Option<&GraphSelector>,
    output: Option<&Path>,
) -> anyhow::Result<usize> {
    let Some(output) = output else {
        return Ok(store.dump(BufWriter::new(std::io::stdout().lock()), format, graph)?);
    };
    let dir = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temp = tempfile_in(dir, output)?;
    let file =
        std::fs::File::create(&temp).with_context(|| format!("creating {}", temp.display()))?;
    let result = store.dump(BufWriter::new(file), format, graph);
    match result {
        Ok(count) => {
            std::fs::rename(&temp, output)
                .with_context(|| format!("writing {}", output.display()))?;
            Ok(count)
        }
        Err(error) => {
            let _ = std::fs::remove_file(&temp);
            Err(error.into())
        }
    }
}

fn tempfile_in(dir: &Path, target: &Path) -> anyhow::Result<PathBuf> {
    let name = target
        .file_name()
        .context("the output path has no file name")?;
    Ok(dir.join(format!(
        ".{}.kg-partial-{}",
        name.to_string_lossy(),
        std::process::id()
    )))
}

/// Writes an export to stdout or a file; Neo4j CSV needs a directory.
fn export(
    graph: &KnowledgeGraph,
    format: ExportFormat,
    engine: Engine,
    output: Option<&Path>,
) -> anyhow::Result<()> {
    match (format, output) {
        (ExportFormat::Csv, Some(dir)) => kg::export::neo4j::write_neo4j(graph, dir)?,
        (ExportFormat::Csv, None) => {
            bail!("csv export writes two files: give a directory with -o DIR")
        }
        (_, None) => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            kg::export::write(graph, format, engine, &mut out)?;
            out.flush()?;
        }
        (_, Some(path)) => {
            let mut bytes = Vec::new();
            kg::export::write(graph, format, engine, &mut bytes)?;
            std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))?;
        }
    }
    Ok(())
}

fn run_ask(store: &KgStore, query: &str, format: &str, explain: bool) -> anyhow::Result<ExitCode> {
    use kg::ask::run::{StoreIndexes, answer_subgraph, run};
    let parsed = kg::ask::parse(query).map_err(|e| kg::Error::Ask(e.into()))?;
    let indexes = StoreIndexes::for_query(store, &parsed)?;
    let answer = run(store, &indexes, query)?;
    // The process ends after this answer: freeing every name of a large
    // store one by one would take a tenth of the run.
    std::mem::forget(indexes);
    for note in &answer.notes {
        eprintln!("kg: {note}");
    }
    if explain {
        match &answer.sparql {
            Some(sparql) => eprintln!("{sparql}"),
            None => eprintln!("kg: this query runs on the graph with petgraph, not in SPARQL"),
        }
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    match format {
        "json" => {
            let rows: Vec<serde_json::Map<String, serde_json::Value>> = answer
                .rows
                .iter()
                .map(|row| {
                    answer
                        .header
                        .iter()
                        .cloned()
                        .zip(row.iter().map(|v| v.clone().into()))
                        .collect()
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
        }
        "csv" | "tsv" => {
            kg::output::write_delimited(&answer.header, &answer.rows, format == "tsv", &mut out)?
        }
        "dot" => {
            let built;
            let graph = match &answer.graph {
                Some(graph) => graph,
                None => {
                    built = KnowledgeGraph::from_store(store)?;
                    &built
                }
            };
            let subgraph = answer_subgraph(graph, &answer)
                .with_provenance(store, ExportFormat::Dot.article_list())?;
            kg::export::dot::write_dot(&subgraph, &mut out)?;
        }
        _ => kg::output::write_table(&answer.header, &answer.rows, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn print_central(central: &[kg::graph::Central], out: &mut impl Write) -> std::io::Result<()> {
    let header = ["rank", "entity", "type", "facts", "pagerank"].map(String::from);
    let rows: Vec<Vec<String>> = central
        .iter()
        .enumerate()
        .map(|(i, c)| {
            vec![
                (i + 1).to_string(),
                c.label.clone(),
                c.kind.clone(),
                c.degree.to_string(),
                format!("{:.4}", c.pagerank),
            ]
        })
        .collect();
    kg::output::write_table(&header, &rows, out)
}

fn print_stats(stats: &kg::store::catalog::Stats, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "articles        {}", stats.articles)?;
    let total: usize = stats.entities.iter().map(|(_, n)| n).sum();
    writeln!(out, "entities        {total}")?;
    for (kind, n) in &stats.entities {
        writeln!(out, "  {:<14}{n}", kind.name())?;
    }
    writeln!(out, "relations       {}", stats.relations)?;
    writeln!(out, "asserted facts  {}", stats.asserted_facts)?;
    writeln!(out, "negated facts   {}", stats.negated_facts)?;
    writeln!(out, "evidence        {}", stats.evidence)?;
    writeln!(out, "triples         {}", stats.triples)
}

fn run_ingest(
    store: &KgStore,
    paths: &[PathBuf],
    jobs: Option<usize>,
    models: &Models,
) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let files = ingest::discover(paths)?;
    let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let options = ingest::Options {
        jobs,
        ingested_at: ingest::now(),
        chunk: ingest::Options::DEFAULT_CHUNK,
    };
    let bar = progress::Bar::new(std::io::stderr().is_terminal());
    let summary = ingest::ingest(
        store,
        &files,
        || load_extractor(models),
        &options,
        &|event| bar.on_event(event),
    )?;
    bar.finish();
    for (path, note) in &summary.decoded {
        eprintln!("kg: {}: {note}", path.display());
    }
    for (_, message) in &summary.failed {
        eprintln!("kg: error: {message}");
    }
    eprintln!(
        "kg: {} files in {:.1}s: {} added, {} replaced, {} unchanged, {} failed; {} facts",
        summary.files(),
        started.elapsed().as_secs_f64(),
        summary.added,
        summary.replaced,
        summary.unchanged,
        summary.failed.len(),
        summary.facts,
    );
    Ok(if !summary.failed.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn load_extractor(models: &Models) -> kg::Result<kg::extract::FactExtractor> {
    Ok(kg::extract::FactExtractor::from_models(models)?)
}

fn run_extract(
    files: &[PathBuf],
    format: ExtractFormat,
    pretokenized: bool,
    models: &Models,
    base: &str,
) -> anyhow::Result<ExitCode> {
    let iris = Iris::new(base)?;
    let extractor = load_extractor(models)?;
    let mut texts = Vec::new();
    for file in extract_inputs(files)? {
        let text = read_input(&file)?;
        texts.push((file, text));
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    if let ExtractFormat::Carb = format {
        for (_, text) in &texts {
            out.write_all(extractor.carb(text, pretokenized).as_bytes())?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    if pretokenized {
        bail!("--pretokenized is only for --format carb");
    }
    let articles: Vec<(kg::model::Article, &str)> = texts
        .iter()
        .map(|(path, text)| {
            let path = if path.as_path() == Path::new("-") {
                Path::new("stdin")
            } else {
                path.as_path()
            };
            (ingest::article_for(path, text), text.as_str())
        })
        .collect();
    let facts = extractor.extract(&articles);
    match format {
        ExtractFormat::Jsonl => kg::fact_output::write_jsonl(&mut out, &iris, &facts)?,
        ExtractFormat::Nq | ExtractFormat::Ttl => {
            let rdf = if let ExtractFormat::Nq = format {
                oxigraph::io::RdfFormat::NQuads
            } else {
                oxigraph::io::RdfFormat::Turtle
            };
            kg::fact_output::write_rdf(&mut out, &iris, &facts, rdf, &ingest::now())?
        }
        ExtractFormat::Carb => unreachable!("handled above"),
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The text of `file`, or of standard input for `-`.
/// Standard input (`-`) first, then the files, with directories expanded
/// into their article files and duplicates dropped, as `kg ingest` does.
fn extract_inputs(files: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let (mut inputs, paths): (Vec<PathBuf>, Vec<PathBuf>) =
        files.iter().cloned().partition(|f| f == Path::new("-"));
    if !paths.is_empty() {
        inputs.extend(ingest::discover(&paths)?);
    }
    Ok(inputs)
}

/// A file's text, or standard input's, in whatever encoding it has; says
/// on stderr how it was decoded when it was not UTF-8.
fn read_input(file: &Path) -> anyhow::Result<String> {
    let decoded = if file == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
        kg::input::decode(&bytes).context("standard input")?
    } else {
        kg::ingest::read_article(file)?
    };
    if let Some(note) = decoded.note() {
        eprintln!("kg: {}: {note}", file.display());
    }
    Ok(decoded.text)
}

fn run_nlp(file: &Path, pretokenized: bool, models: &Models) -> anyhow::Result<ExitCode> {
    let text = read_input(file)?;
    let pipeline = kg::nlp::Pipeline::from_models(models)?;
    let document = if pretokenized {
        pipeline.annotate_pretokenized(&text, None)
    } else {
        pipeline.annotate(&text, None)
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    out.write_all(document.to_conllu(&text).as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn run_train(
    model: &str,
    config: &kg::nlp::train::TrainConfig,
    models: &Path,
) -> anyhow::Result<ExitCode> {
    use kg::nlp::ModelFile;
    use kg::nlp::train::{NerConfig, Progress};
    let progress = |p: Progress| eprintln!("{}", serde_json::to_string(&p).unwrap_or_default());
    let tagger =
        || kg::nlp::tagger::Tagger::load_file(&models.join(kg::nlp::pipeline::TAGGER_FILE));
    let report = match model {
        "tagger" => {
            serde_json::to_string_pretty(&kg::nlp::train::train_tagger_model(config, progress)?)?
        }
        "ner" => {
            let ner_config = NerConfig {
                lexicon: Some(models.join("..").join("countries.tsv")).filter(|p| p.is_file()),
                ..NerConfig::default()
            };
            serde_json::to_string_pretty(&kg::nlp::train::train_ner_model(
                &tagger()?,
                config,
                &ner_config,
                progress,
            )?)?
        }
        _ => serde_json::to_string_pretty(&kg::nlp::train::train_parser_model(
            &tagger()?,
            config,
            progress,
        )?)?,
    };
    writeln!(std::io::stdout().lock(), "{report}")?;
    Ok(ExitCode::SUCCESS)
}

fn run_eval(command: EvalCommand) -> anyhow::Result<ExitCode> {
    use kg::nlp::ModelFile;
    use kg::nlp::pipeline::{NER_FILE, PARSER_FILE, TAGGER_FILE};
    let load_tagger = |dir: &Path| kg::nlp::tagger::Tagger::load_file(&dir.join(TAGGER_FILE));
    let scores = match command {
        EvalCommand::Tagger { gold, models } => serde_json::to_value(kg::nlp::train::eval_tagger(
            &load_tagger(&models.dir())?,
            &gold,
        )?)?,
        EvalCommand::Parser {
            gold,
            beam,
            temperature,
            margin,
            models,
        } => {
            let dir = models.dir();
            let mut parser = kg::nlp::parser::Parser::load_file(&dir.join(PARSER_FILE))?;
            parser.set_decoding(parser_decoding(beam, temperature, margin)?);
            serde_json::to_value(kg::nlp::train::eval_parser(
                &load_tagger(&dir)?,
                &parser,
                &gold,
            )?)?
        }
        EvalCommand::Ner {
            gold,
            recase,
            models,
        } => {
            let dir = models.dir();
            let ner = kg::nlp::ner::Ner::load_file(&dir.join(NER_FILE))?;
            let tagger = load_tagger(&dir)?;
            let recase = recase.map(Into::into);
            serde_json::to_value(kg::nlp::train::eval_ner(&tagger, &ner, &gold, recase)?)?
        }
        EvalCommand::Openie { .. } => return run_eval_openie(command),
    };
    writeln!(
        std::io::stdout().lock(),
        "{}",
        serde_json::to_string_pretty(&scores)?
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `kg eval parser`'s search settings; unset ones keep the pipeline's.
fn parser_decoding(
    beam: Option<usize>,
    temperature: Option<f64>,
    margin: Option<f64>,
) -> anyhow::Result<kg::nlp::parser::search::Decoding> {
    use kg::nlp::parser::search::{BeamSearch, Decoding};
    let default = BeamSearch::DEFAULT;
    Ok(match beam {
        Some(1) => Decoding::Greedy,
        width => Decoding::Beam(BeamSearch::new(
            width.unwrap_or(default.width()),
            temperature.unwrap_or(default.temperature()),
            margin.unwrap_or(default.margin()),
        )?),
    })
}

fn run_eval_openie(command: EvalCommand) -> anyhow::Result<ExitCode> {
    match command {
        EvalCommand::Openie { gold, system, json } => {
            use kg::eval::openie;
            let gold = openie::read_gold(&gold)?;
            let system = openie::read_system(&system)?;
            let scores = openie::score(&gold, &system);
            let mut out = std::io::stdout().lock();
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&scores)?)?;
            } else {
                writeln!(
                    out,
                    "AUC {:.3}  precision {:.3}  recall {:.3}  F1 {:.3}  (best-F1 threshold {:.3})",
                    scores.auc, scores.precision, scores.recall, scores.f1, scores.threshold
                )?;
            }
        }
        _ => unreachable!("only openie reaches here"),
    }
    Ok(ExitCode::SUCCESS)
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
