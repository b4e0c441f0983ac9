//! The ingestion progress bar: shown only when stderr is a terminal.

use indicatif::{ProgressBar, ProgressStyle};
use kg::ingest::Event;

pub struct Bar {
    bar: Option<ProgressBar>,
}

impl Bar {
    pub fn new(enabled: bool) -> Self {
        Self {
            bar: enabled.then(ProgressBar::no_length),
        }
    }

    pub fn on_event(&self, event: Event<'_>) {
        let Some(bar) = &self.bar else { return };
        match event {
            Event::Planned { total } => {
                bar.set_length(total as u64);
                bar.set_style(
                    ProgressStyle::with_template(
                        "{bar:40} {pos}/{len} articles {elapsed} {wide_msg}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
            }
            Event::Read { path } => {
                bar.set_message(format!("read {}", path.display()));
            }
            Event::Linking { articles } => {
                bar.set_message(format!("resolving entities of {articles} articles"))
            }
            Event::Done { path, .. } => {
                bar.set_message(path.display().to_string());
                bar.inc(1);
            }
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
