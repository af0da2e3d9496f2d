//! Upload progress in the caller's terms: bytes of the file, from 0 to its size, never
//! going backwards — whatever the transport reports (multipart overhead included,
//! repeated or out-of-order events, a missing total).

/// A progress callback: `(loaded, total)` in bytes (`total` 0 when unknown).
pub type ProgressFn = std::rc::Rc<dyn Fn(u64, u64)>;

/// Turns raw transport progress into monotonic file-byte progress.
#[derive(Debug, Clone)]
pub struct ProgressTracker {
    file_size: u64,
    last: Option<u64>,
}

impl ProgressTracker {
    /// A tracker for a file of `file_size` bytes.
    pub fn new(file_size: u64) -> Self {
        ProgressTracker {
            file_size,
            last: None,
        }
    }

    /// The file's size: the `total` of every report.
    pub fn total(&self) -> u64 {
        self.file_size
    }

    /// The first report, `0` bytes sent.
    pub fn start(&mut self) -> Option<u64> {
        self.report(0)
    }

    /// A raw event: `loaded` of `total` request bytes (`total` 0 when unknown). Returns
    /// the file bytes to report, or `None` when there is nothing new to say.
    pub fn update(&mut self, loaded: f64, total: f64) -> Option<u64> {
        if !(loaded.is_finite() && loaded >= 0.0) {
            return None;
        }
        let size = self.file_size as f64;
        let bytes = if total.is_finite() && total > 0.0 {
            (loaded.min(total) / total * size).floor()
        } else {
            loaded.min(size)
        };
        // The end is reported by `finish`, once the server has answered.
        self.report((bytes as u64).min(self.file_size.saturating_sub(1)))
    }

    /// The last report: every byte sent and the server answered.
    pub fn finish(&mut self) -> Option<u64> {
        self.report(self.file_size)
    }

    fn report(&mut self, loaded: u64) -> Option<u64> {
        match self.last {
            Some(last) if loaded <= last => None,
            _ => {
                self.last = Some(loaded);
                Some(loaded)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_monotonic_file_bytes_from_zero_to_size() {
        let mut t = ProgressTracker::new(1000);
        assert_eq!(t.start(), Some(0));
        assert_eq!(t.update(0.0, 1200.0), None);
        assert_eq!(t.update(600.0, 1200.0), Some(500));
        assert_eq!(t.update(300.0, 1200.0), None, "never backwards");
        assert_eq!(t.update(600.0, 1200.0), None, "no repeats");
        assert_eq!(
            t.update(1200.0, 1200.0),
            Some(999),
            "the end waits for the answer"
        );
        assert_eq!(t.finish(), Some(1000));
        assert_eq!(t.finish(), None);
        assert_eq!(t.total(), 1000);
    }

    #[test]
    fn copes_with_unknown_totals_and_junk() {
        let mut t = ProgressTracker::new(10);
        assert_eq!(t.update(f64::NAN, 5.0), None);
        assert_eq!(t.update(-1.0, 5.0), None);
        assert_eq!(t.update(4.0, 0.0), Some(4));
        assert_eq!(t.update(1e30, f64::INFINITY), Some(9));
        let mut empty = ProgressTracker::new(0);
        assert_eq!(empty.start(), Some(0));
        assert_eq!(empty.update(10.0, 10.0), None);
        assert_eq!(empty.finish(), None);
    }
}
