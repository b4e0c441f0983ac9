//! Scorers that measure our components against reference data.

pub mod openie;
