//! `cargo +nightly fuzz run parse`: the parser must never panic, and its
//! errors must point inside the query.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match kg::ask::parse(text) {
        Ok(query) => {
            // Compiling with nothing resolved must fail cleanly, not panic.
            let _ = kg::ask::compile(&query, &kg::ask::Resolved::default());
        }
        Err(e) => {
            assert!(e.line >= 1 && e.column >= 1);
            assert!(e.column <= e.source_line.chars().count() + 1);
        }
    }
});
