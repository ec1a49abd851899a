//! Standard input, hashed as it is read: `score -` and `train -` record it in run.json and
//! the model's training inputs as `<stdin>` with the sha256 and size of the bytes read, as
//! a file is recorded (review, session 34: `score --out s - < a.jsonl` wrote `"inputs": []`
//! beside `"articles": 1`). Stdin is one per process and read at most once (`run` refuses
//! it), so the digest is process-wide.

use crate::report::InputRecord;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::sync::Mutex;

/// The name stdin is recorded under.
pub const STDIN_NAME: &str = "<stdin>";

/// (hash so far, bytes), from the first read on.
static READ: Mutex<Option<(Sha256, u64)>> = Mutex::new(None);

/// Stdin, hashing what passes through.
pub struct HashedStdin(std::io::Stdin);

impl HashedStdin {
    pub fn new() -> HashedStdin {
        let mut r = READ.lock().unwrap_or_else(|e| e.into_inner());
        r.get_or_insert_with(|| (Sha256::new(), 0));
        HashedStdin(std::io::stdin())
    }
}

impl Default for HashedStdin {
    fn default() -> Self {
        Self::new()
    }
}

impl Read for HashedStdin {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.read(buf)?;
        if let Some((h, bytes)) = READ.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
            h.update(&buf[..n]);
            *bytes += n as u64;
        }
        Ok(n)
    }
}

/// The record of what was read from stdin, once it has been read (`None` when it was not).
pub fn stdin_record() -> Option<InputRecord> {
    let r = READ.lock().unwrap_or_else(|e| e.into_inner());
    r.as_ref().map(|(h, bytes)| InputRecord {
        path: STDIN_NAME.into(),
        bytes: *bytes,
        sha256: format!("{:x}", h.clone().finalize()),
        modified: None,
        // No file to check for changes afterwards.
        in_memory: true,
        os_path: None,
    })
}
