//! `kg` on an archive: builds N synthetic articles from the paragraphs of a
//! folder of real news, ingests them with `kg ingest`, then times the
//! commands a user runs on the store it built, and prints one table.
//!
//! ```text
//! cargo bench --bench archive -- --articles 10000
//! cargo bench --bench archive -- --articles 100000 --more 1000 --work /data/kg-bench
//! ```
//!
//! Every figure is of the real `kg` binary, process start included, so it
//! is what a user waits for. Archives are kept in the work directory and
//! reused when their recipe (corpus, size, seed) matches.

#[path = "archive/synth.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Options {
    /// The `kg` binary: this build's, or a copy (`--kg`), so that
    /// rebuilding during a long run does not change what is measured.
    kg: PathBuf,
    articles: usize,
    more: usize,
    corpus: PathBuf,
    work: PathBuf,
    seed: u64,
    runs: usize,
    jobs: usize,
    exact: String,
    fuzzy: String,
}

impl Options {
    fn from_args() -> Result<Options, String> {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut options = Options {
            kg: env!("CARGO_BIN_EXE_kg").into(),
            articles: 2000,
            more: 200,
            corpus: manifest.join("../shared/corpora/bbc-news"),
            work: manifest.join("target/archive-bench"),
            seed: 1,
            runs: 5,
            jobs: 2,
            exact: "Tony Blair".to_owned(),
            fuzzy: "Toni Blare".to_owned(),
        };
        let mut args = std::env::args().skip(1);
        while let Some(flag) = args.next() {
            if flag == "--bench" {
                continue; // added by `cargo bench`
            }
            let mut value = || args.next().ok_or(format!("{flag} needs a value"));
            let number = |v: String| v.parse().map_err(|_| format!("{flag}: not a number: {v}"));
            match flag.as_str() {
                "--articles" => options.articles = number(value()?)?,
                "--more" => options.more = number(value()?)?,
                "--seed" => options.seed = number(value()?)? as u64,
                "--runs" => options.runs = number(value()?)?.max(1),
                "--jobs" => options.jobs = number(value()?)?.max(1),
                "--corpus" => options.corpus = value()?.into(),
                "--work" => options.work = value()?.into(),
                "--kg" => options.kg = value()?.into(),
                "--exact" => options.exact = value()?,
                "--fuzzy" => options.fuzzy = value()?,
                other => {
                    return Err(format!(
                        "unknown option {other}; options: --articles N --more N --seed N \
                         --runs N --jobs N --corpus DIR --work DIR --kg BINARY --exact NAME --fuzzy NAME"
                    ));
                }
            }
        }
        Ok(options)
    }
}

/// One run of `kg`: wall time and peak resident memory.
struct Run {
    wall: Duration,
    peak_rss: u64,
}

/// Runs `kg ARGS` and fails loudly if it fails; stdout is discarded,
/// stderr kept in `log` for a look afterwards.
fn kg(binary: &Path, store: &Path, args: &[&str], log: &Path) -> Run {
    let log_file = std::fs::File::create(log).expect("log file");
    let start = Instant::now();
    let mut child = Command::new(binary)
        .arg("--store")
        .arg(store)
        .args(args)
        .stdout(Stdio::null())
        .stderr(log_file)
        .spawn()
        .expect("run kg");
    let mut peak_rss = 0;
    let status = loop {
        peak_rss = peak_rss.max(high_water_mark(child.id()));
        match child.try_wait().expect("wait for kg") {
            Some(status) => break status,
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    };
    let wall = start.elapsed();
    if !status.success() {
        let stderr = std::fs::read_to_string(log).unwrap_or_default();
        panic!("kg {} failed ({status}):\n{stderr}", args.join(" "));
    }
    Run { wall, peak_rss }
}

/// VmHWM of a live process, in bytes (0 once it is gone).
fn high_water_mark(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// The median wall time of `runs` runs.
fn median(binary: &Path, store: &Path, args: &[&str], log: &Path, runs: usize) -> Run {
    let mut all: Vec<Run> = (0..runs).map(|_| kg(binary, store, args, log)).collect();
    all.sort_by_key(|r| r.wall);
    all.swap_remove(runs / 2)
}

fn disk_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => disk_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

fn fresh_store(path: &Path) -> &Path {
    if path.exists() {
        std::fs::remove_dir_all(path).expect("remove old store");
    }
    path
}

/// The table: one row per measure, with its target.
struct Table(Vec<[String; 3]>);

impl Table {
    fn row(&mut self, what: &str, value: String, target: &str) {
        eprintln!("  {what}: {value}");
        self.0.push([what.to_owned(), value, target.to_owned()]);
    }

    fn print(&self) {
        println!("| measure | value | target |\n|---|---|---|");
        for [what, value, target] in &self.0 {
            println!("| {what} | {value} | {target} |");
        }
    }
}

fn secs(d: Duration) -> String {
    match d.as_secs_f64() {
        s if s < 1.0 => format!("{:.0} ms", s * 1000.0),
        s => format!("{s:.2} s"),
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.0} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn main() {
    let options = match Options::from_args() {
        Ok(o) => o,
        Err(message) => {
            eprintln!("archive bench: {message}");
            std::process::exit(2);
        }
    };
    let work = &options.work;
    std::fs::create_dir_all(work).expect("work directory");
    let logs = work.join("logs");
    std::fs::create_dir_all(&logs).expect("log directory");
    let log = |name: &str| logs.join(format!("{name}.log"));

    eprintln!("archive bench: building {} articles", options.articles);
    let archive = synth::build(
        &options.corpus,
        &work.join(format!("archive-{}-{}", options.articles, options.seed)),
        options.articles,
        options.seed,
    )
    .expect("build the archive");
    let extra = synth::build(
        &options.corpus,
        &work.join(format!("more-{}-{}", options.more, options.seed + 1)),
        options.more,
        options.seed + 1,
    )
    .expect("build the extra articles");

    let mut table = Table(Vec::new());
    let n = options.articles;
    let jobs = options.jobs.to_string();
    let archive_dir = archive.dir.display().to_string();
    let extra_dir = extra.dir.display().to_string();
    table.row(
        "archive",
        format!("{n} articles, {} words", archive.words),
        "",
    );

    eprintln!("archive bench: ingest from empty");
    let store = work.join(format!("store-{n}"));
    let ingest = kg(
        &options.kg,
        fresh_store(&store),
        &["ingest", "--jobs", &jobs, &archive_dir],
        &log("ingest"),
    );
    table.row(
        "ingest from empty",
        format!(
            "{} ({:.0} words/s, --jobs {jobs})",
            secs(ingest.wall),
            archive.words as f64 / ingest.wall.as_secs_f64()
        ),
        "≥ 30k words/s",
    );
    table.row("ingest peak RSS", mib(ingest.peak_rss), "≤ 1 GiB");
    let size = disk_size(&store);
    table.row(
        "store on disk after ingest",
        format!(
            "{} ({:.1} KB/article)",
            mib(size),
            size as f64 / 1000.0 / n as f64
        ),
        "< 30 KB/article",
    );

    eprintln!("archive bench: {} more articles", options.more);
    let empty = work.join("store-more-empty");
    let into_empty = kg(
        &options.kg,
        fresh_store(&empty),
        &["ingest", "--jobs", &jobs, &extra_dir],
        &log("more-empty"),
    );
    let into_full = kg(
        &options.kg,
        &store,
        &["ingest", "--jobs", &jobs, &extra_dir],
        &log("more-full"),
    );
    table.row(
        &format!(
            "{} more articles: into the store / into an empty one",
            options.more
        ),
        format!(
            "{} / {} = {:.2}×",
            secs(into_full.wall),
            secs(into_empty.wall),
            into_full.wall.as_secs_f64() / into_empty.wall.as_secs_f64()
        ),
        "≤ 1.5×",
    );

    eprintln!("archive bench: queries");
    let runs = options.runs;
    let exact = format!("\"{}\" -> ?x", options.exact);
    let fuzzy = format!("\"{}\" -> ?x", options.fuzzy);
    let timed = [
        (
            "kg ask (exact name)",
            vec!["ask", exact.as_str()],
            "≤ 50 ms",
        ),
        (
            "kg ask (fuzzy name)",
            vec!["ask", fuzzy.as_str()],
            "≤ 500 ms",
        ),
        ("kg stats", vec!["stats"], "≤ 5 s"),
        (
            "kg stats --central 10",
            vec!["stats", "--central", "10"],
            "≤ 5 s",
        ),
        (
            "kg export --around NAME --depth 2",
            vec!["export", "--around", options.exact.as_str(), "--depth", "2"],
            "≤ 5 s",
        ),
        ("kg articles", vec!["articles"], ""),
    ];
    for (i, (what, args, target)) in timed.iter().enumerate() {
        let run = median(&options.kg, &store, args, &log(&format!("query-{i}")), runs);
        table.row(
            what,
            format!("{} (median of {runs})", secs(run.wall)),
            target,
        );
    }
    let dot = work.join("graph.dot");
    let dot_path = dot.display().to_string();
    let export = kg(
        &options.kg,
        &store,
        &["export", "--format", "dot", "-o", &dot_path],
        &log("export"),
    );
    table.row(
        "kg export (whole graph, DOT)",
        format!(
            "{}, peak RSS {}, {}",
            secs(export.wall),
            mib(export.peak_rss),
            mib(std::fs::metadata(&dot).map_or(0, |m| m.len()))
        ),
        "≤ 60 s, ≤ 2 GiB",
    );
    let victim = archive
        .dir
        .join(format!("{:03}", (n / 2) / 1000))
        .join(format!("{:06}.txt", n / 2));
    let victim = std::fs::canonicalize(&victim)
        .expect("article to forget")
        .display()
        .to_string();
    let forget = kg(&options.kg, &store, &["forget", &victim], &log("forget"));
    table.row("kg forget ID", secs(forget.wall), "≤ 1 s");
    let size = disk_size(&store);
    table.row(
        &format!(
            "store on disk after the commands above ({} articles)",
            n + options.more - 1
        ),
        format!(
            "{} ({:.1} KB/article)",
            mib(size),
            size as f64 / 1000.0 / (n + options.more - 1) as f64
        ),
        "",
    );
    table.print();
}
