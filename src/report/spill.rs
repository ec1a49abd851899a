//! A queue of byte records kept in memory up to a budget, then in an anonymous temporary
//! file up to a second budget, then refused: what `run` keeps of pass 1's analysis for pass 2
//! ([`crate::analysis_cache`]). Scratch, not an output: the file has no name (the system
//! deletes it when it is closed, also after a crash) and lives in a folder the caller names,
//! the job's staging folder: on the output's disk, not in a temporary folder that may be
//! memory (tmpfs).
//!
//! Records come back in the order they were pushed. Once one record is refused every later
//! one is too, so what is kept is always a prefix of what was offered.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;

/// Bytes a [`Spill`] may hold in memory, then on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpillBudget {
    pub memory: usize,
    pub disk: u64,
}

/// Records in memory, then in a temporary file (see the module's documentation).
#[derive(Debug)]
pub struct Spill {
    budget: SpillBudget,
    /// Where the file goes, once records pass the memory budget.
    dir: PathBuf,
    memory: VecDeque<Vec<u8>>,
    in_memory: usize,
    file: Option<File>,
    /// Lengths of the records in the file, in order.
    on_disk: VecDeque<usize>,
    disk_bytes: u64,
    /// A record was refused: every later one is too.
    full: bool,
}

impl Spill {
    pub fn new(budget: SpillBudget, dir: impl Into<PathBuf>) -> Spill {
        Spill {
            budget,
            dir: dir.into(),
            memory: VecDeque::new(),
            in_memory: 0,
            file: None,
            on_disk: VecDeque::new(),
            disk_bytes: 0,
            full: false,
        }
    }

    /// Keep a record, if it fits the budgets (and the temporary file can be written; a
    /// failure there, a full disk say, only stops the keeping). Returns whether it was kept.
    pub fn push(&mut self, record: Vec<u8>) -> bool {
        if self.full {
            return false;
        }
        if self.file.is_none() && self.in_memory + record.len() <= self.budget.memory {
            self.in_memory += record.len();
            self.memory.push_back(record);
            return true;
        }
        let kept = self.disk_bytes + record.len() as u64 <= self.budget.disk && self.write(&record).is_ok();
        if kept {
            self.disk_bytes += record.len() as u64;
            self.on_disk.push_back(record.len());
        } else {
            self.full = true;
        }
        kept
    }

    fn write(&mut self, record: &[u8]) -> std::io::Result<()> {
        if self.file.is_none() {
            self.file = Some(tempfile::tempfile_in(&self.dir)?);
        }
        let f = self.file.as_mut().expect("created above");
        // A failed write may leave part of the record behind: never read, as only the
        // lengths of complete records are listed.
        f.write_all(record)
    }

    /// Whether every record offered so far was kept.
    pub fn complete(&self) -> bool {
        !self.full
    }

    /// Bytes kept in memory and on disk.
    pub fn bytes(&self) -> (usize, u64) {
        (self.in_memory, self.disk_bytes)
    }

    /// The records, in order: memory is freed as they are taken.
    pub fn into_records(mut self) -> std::io::Result<SpillRecords> {
        let file = match self.file.take() {
            Some(mut f) => {
                f.seek(SeekFrom::Start(0))?;
                Some(BufReader::with_capacity(1 << 20, f))
            }
            None => None,
        };
        Ok(SpillRecords {
            memory: self.memory,
            file,
            on_disk: self.on_disk,
        })
    }
}

/// The records of a [`Spill`], in the order they were pushed.
#[derive(Debug)]
pub struct SpillRecords {
    memory: VecDeque<Vec<u8>>,
    file: Option<BufReader<File>>,
    on_disk: VecDeque<usize>,
}

impl Iterator for SpillRecords {
    type Item = std::io::Result<Vec<u8>>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(r) = self.memory.pop_front() {
            return Some(Ok(r));
        }
        let len = self.on_disk.pop_front()?;
        let f = self.file.as_mut()?;
        let mut record = vec![0; len];
        Some(f.read_exact(&mut record).map(|()| record))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(n: usize) -> Vec<Vec<u8>> {
        (0..n).map(|i| vec![i as u8; 10 + i]).collect()
    }

    fn round_trip(budget: SpillBudget, offered: &[Vec<u8>]) -> (Vec<Vec<u8>>, bool) {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Spill::new(budget, dir.path());
        let mut refused = false;
        for r in offered {
            let kept = s.push(r.clone());
            // A prefix: nothing is kept after a refusal.
            assert!(!(refused && kept));
            refused |= !kept;
        }
        let complete = s.complete();
        assert_eq!(complete, !refused);
        let back: Vec<Vec<u8>> = s.into_records().unwrap().map(Result::unwrap).collect();
        (back, complete)
    }

    #[test]
    fn what_is_pushed_comes_back_in_order_from_memory_then_disk() {
        let offered = records(20);
        let total: usize = offered.iter().map(Vec::len).sum();
        for memory in [0, 1, 10, 11, 35, 100, total - 1, total, total + 1] {
            let (back, complete) = round_trip(SpillBudget { memory, disk: u64::MAX }, &offered);
            assert!(complete, "memory budget {memory}");
            assert_eq!(back, offered, "memory budget {memory}");
        }
    }

    #[test]
    fn beyond_both_budgets_a_prefix_is_kept() {
        let offered = records(20);
        // 10 + 11 + 12 bytes fit in memory, 13 + 14 on disk: the first five records.
        let (back, complete) = round_trip(SpillBudget { memory: 33, disk: 27 }, &offered);
        assert!(!complete);
        assert_eq!(back, offered[..5]);
        let (back, complete) = round_trip(SpillBudget { memory: 0, disk: 0 }, &offered);
        assert!(!complete);
        assert!(back.is_empty());
        // A small record after a refused large one is refused too.
        let dir = tempfile::tempdir().unwrap();
        let mut s = Spill::new(SpillBudget { memory: 15, disk: 0 }, dir.path());
        assert!(s.push(vec![1; 10]));
        assert!(!s.push(vec![2; 10]));
        assert!(!s.push(vec![3; 1]));
        assert_eq!(s.bytes(), (10, 0));
        // The file has no name: the folder stays empty.
        let mut s = Spill::new(SpillBudget { memory: 0, disk: 100 }, dir.path());
        assert!(s.push(vec![4; 50]));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        assert_eq!(s.into_records().unwrap().next().unwrap().unwrap(), vec![4; 50]);
    }
}
