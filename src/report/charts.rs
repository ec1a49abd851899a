//! The charts' PNG files: [`crate::charts`] draws them, this writes them.

use super::{prepare_dir, write_atomic};
use crate::charts::{self, ChartInput, ChartOptions, Rendered};
use crate::error::Result;
use std::path::Path;

/// Draw every chart ([`charts::render_all`]) into `dir` (created if needed), each PNG written
/// atomically.
pub fn write_charts(input: &ChartInput, opts: &ChartOptions, dir: &Path) -> Result<Rendered> {
    prepare_dir(dir)?;
    charts::render_all(input, opts, dir, &write_atomic)
}
