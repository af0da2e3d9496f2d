//! When to try a call again: the server refuses a backup or restore while another one
//! runs ("Try again later"), which is worth waiting out rather than failing.

/// The server's message for "another backup/restore is running".
const BUSY_PREFIX: &str = "Try again later";

/// True when an error answer means "busy, try again later".
pub fn is_busy(status: u16, message: &str) -> bool {
    status == 400 && message.starts_with(BUSY_PREFIX)
}

/// The server's message when creating the backup itself failed.
const CREATE_FAILED: &str = "Failed to create backup.";

/// How many "create failed" answers a busy-retrying create tries again. With backups on
/// S3 a create takes longer, and six creates racing were seen to collide more than 3
/// times; 6 tries cost at most ~5 s of back-off before a lasting fault is reported.
pub const MAX_COLLISION_RETRIES: u32 = 6;

/// True for the answer the server gives when two creates race past its busy check and
/// collide while writing (measured: "SQL logic error: table `_migrations` already
/// exists"). Nothing is created, and a later try succeeds; since the same answer could
/// come from a lasting fault, retries of it are capped at [`MAX_COLLISION_RETRIES`].
pub fn is_create_collision(status: u16, message: &str) -> bool {
    status == 400 && message == CREATE_FAILED
}

/// Exponential back-off with a bound on the total wait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backoff {
    /// First delay in milliseconds.
    pub initial_ms: u32,
    /// Largest single delay in milliseconds.
    pub max_delay_ms: u32,
    /// Give up once this much time has been spent waiting, in milliseconds.
    pub max_total_ms: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            initial_ms: 100,
            max_delay_ms: 2_000,
            max_total_ms: 60_000,
        }
    }
}

impl Backoff {
    /// The delay before retry number `attempt` (0-based), given the time already
    /// waited, or `None` when the budget is spent. `jitter` in `[0, 1)` spreads
    /// concurrent callers apart (up to +50 %).
    pub fn delay(&self, attempt: u32, waited_ms: u32, jitter: f64) -> Option<u32> {
        if waited_ms >= self.max_total_ms {
            return None;
        }
        let base = self
            .initial_ms
            .saturating_mul(1u32 << attempt.min(20))
            .min(self.max_delay_ms);
        let jitter = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let with_jitter = base.saturating_add((f64::from(base) * 0.5 * jitter) as u32);
        Some(with_jitter.min(self.max_total_ms - waited_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_the_busy_answer_only() {
        assert!(is_busy(
            400,
            "Try again later - another backup/restore process has already been started."
        ));
        assert!(!is_busy(
            400,
            "An error occurred while validating the submitted data."
        ));
        assert!(!is_busy(500, "Try again later"));
        assert!(is_create_collision(400, "Failed to create backup."));
        assert!(!is_create_collision(
            400,
            "Try again later - another backup/restore process has already been started."
        ));
        assert!(!is_create_collision(500, "Failed to create backup."));
    }

    #[test]
    fn backs_off_exponentially_within_the_budget() {
        let b = Backoff::default();
        let delays: Vec<u32> = (0..7).map(|a| b.delay(a, 0, 0.0).unwrap()).collect();
        assert_eq!(delays, [100, 200, 400, 800, 1600, 2000, 2000]);
        assert_eq!(b.delay(0, 0, 0.999), Some(149));
        assert_eq!(b.delay(40, 59_900, 0.0), Some(100));
        assert_eq!(b.delay(3, 60_000, 0.0), None);
        assert_eq!(b.delay(u32::MAX, 0, f64::NAN), Some(2000));
    }
}
