//! The charts' PNG files: [`crate::charts`] draws them, this writes them.

use super::{prepare_dir, write_atomic};
use crate::charts::{self, ChartInput, ChartOptions, Rendered};
use crate::error::Result;
use std::path::Path;

/// Draw every chart ([`charts::render_all`]) into `dir` (created if needed), each PNG written
/// atomically.
pub fn write_charts(input: &ChartInput, opts: &ChartOptions, dir: &Path) -> Result<Rendered> {
    prepare_dir(dir)?;
    let rendered = charts::render_all(input, opts, dir, &write_atomic)?;
    // A chart not drawn this time must not stay from an earlier drawing of other data.
    for (name, _) in &rendered.skipped {
        let stale = dir.join(name);
        if stale.is_file() {
            std::fs::remove_file(&stale).map_err(|e| crate::error::Error::io(&stale, e))?;
        }
    }
    Ok(rendered)
}
