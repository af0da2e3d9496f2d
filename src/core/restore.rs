//! Waiting for a restore. What the server does (PocketBase 0.40.6, measured): it
//! answers 204 at once and starts 1 s later; it then holds its backup lock (the health
//! check's `canBackup: false`) for as long as it downloads and extracts the backup —
//! milliseconds for a small one, minutes for a multi-GB one or one on S3 — and then
//! restarts: its realtime connections drop and its listener is closed (20–100 ms on
//! one machine; a 300 MB backup held the lock 0.19 s), then the new process answers
//! with the lock free. A backup without
//! `data.db` takes the lock, fails, frees it, and nothing restarts. A realtime
//! connection also drops for reasons of its own (the server closes one idle for 5
//! minutes; proxies close idle ones sooner).
//!
//! From these observations this decides whether the process really came back: the
//! realtime connection dropped, and the server was seen going away around it (a check
//! got no answer, or the last answer before it showed the lock held, or it came just
//! when a quick restore restarts), and then a check started after the drop finds the
//! lock free. A check a second or more after the drop that still finds the lock held
//! shows the drop was not the restart (sooner, the old process may still be answering).

use crate::core::text;

/// The code of the error a waited restore rejects with when its time runs out
/// (`response.code` in JS): the restore may still be in progress.
pub const RESTORE_IN_PROGRESS: &str = "restore_in_progress";

/// The longest wait accepted (24 h), in milliseconds.
pub const MAX_TIMEOUT_MS: u32 = 86_400_000;

/// The wait used when none is given, in milliseconds.
pub const DEFAULT_TIMEOUT_MS: u32 = 60_000;

/// What a wait must be, as the JS API says when one is refused.
pub const TIMEOUT_RULE: &str =
    "options.timeoutMs must be a number of milliseconds from 1 to 86400000 (24 h).";

/// The longest one health check may take before it counts as unanswered; never more
/// than the time left.
pub const PROBE_TIMEOUT_MS: u32 = 3_000;

/// The longest wait for the realtime connection to open (never more than a quarter
/// of the time allowed).
pub const CONNECT_TIMEOUT_MS: u32 = 3_000;

/// A drop this soon after the server accepted the restore is the restart of a restore
/// too quick for any check to see its lock (measured: 1.007–1.010 s). The server waits
/// 1 s before it starts, so an earlier drop is something else; the lower bound leaves
/// half a second for the round trip.
const QUICK_RESTART_MS: (f64, f64) = (500.0, 3_000.0);

/// For this long after the realtime connection dropped, an answer with the lock held
/// gives no verdict on the drop: the old process can still answer a request that reached
/// it on a connection it had not closed yet (seen in Node: a check sent 1 ms after the
/// drop answered and the drop was taken for no restart, in 2 of some 40 restores on a
/// fresh server, which only a held lock makes the plan do), and PocketBase's shutdown
/// gives a request in flight up to 1 s. The lock held then counts as held around the
/// drop; held a second later, the drop was not the restart.
const OLD_PROCESS_GRACE_MS: f64 = 1_000.0;

/// Where a restore stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RestorePhase {
    /// The server accepted the request; its restart is awaited.
    Requested,
    /// The server went away (its process is restarting).
    Restarting,
    /// The server answers again, on the restored data.
    Back,
}

impl RestorePhase {
    /// The name reported to callers (`onStatus`).
    pub fn name(self) -> &'static str {
        match self {
            RestorePhase::Requested => "requested",
            RestorePhase::Restarting => "restarting",
            RestorePhase::Back => "back",
        }
    }
}

/// What one health check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probe {
    /// An answer with the backup lock held (`canBackup: false`).
    Busy,
    /// An answer with the lock free (or not shown).
    Idle,
    /// No answer: the connection failed (or a proxy said the server is unreachable).
    NoAnswer,
    /// No answer within the check's own time limit: nothing learnt.
    Slow,
}

/// The wait ran out before the restart was seen; the restore may still be in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreTimeout {
    /// The phase it was in.
    pub phase: RestorePhase,
    /// The time allowed, in milliseconds.
    pub timeout_ms: u32,
}

impl RestoreTimeout {
    /// A sentence for the user.
    pub fn message(&self) -> String {
        let ms = text::uint(u64::from(self.timeout_ms));
        let seen = match self.phase {
            RestorePhase::Requested => {
                "the server has not restarted yet (downloading and extracting a large backup \
                 takes long; a backup without data.db is never restored)"
            }
            _ => "the server went away but has not answered again yet",
        };
        [
            "The restore was not confirmed within ",
            &ms,
            " ms and may still be in progress: ",
            seen,
            ". Call backups.watchRestore() to keep waiting.",
        ]
        .concat()
    }
}

#[derive(Debug, Clone, Copy)]
struct PendingDrop {
    at_ms: f64,
    /// The server was seen going away around the drop.
    evidence: bool,
}

/// Tracks one restore until the server's process is back.
#[derive(Debug, Clone)]
pub struct RestoreWatch {
    started_ms: f64,
    timeout_ms: u32,
    accepted_ms: Option<f64>,
    connected: bool,
    phase: RestorePhase,
    last_answer_busy: bool,
    unanswered_since_answer: bool,
    drop: Option<PendingDrop>,
}

impl RestoreWatch {
    /// Starts watching at `now_ms`, allowing `timeout_ms` (at most [`MAX_TIMEOUT_MS`])
    /// in all. `connected`: a
    /// realtime connection is open (without one, a check that gets no answer stands in
    /// for its drop).
    pub fn new(now_ms: f64, timeout_ms: u32, connected: bool) -> Self {
        RestoreWatch {
            started_ms: now_ms,
            timeout_ms: timeout_ms.min(MAX_TIMEOUT_MS),
            accepted_ms: None,
            connected,
            phase: RestorePhase::Requested,
            last_answer_busy: false,
            unanswered_since_answer: false,
            drop: None,
        }
    }

    /// The server accepted the restore request at `now_ms` (not known when resuming a
    /// watch).
    pub fn accepted(&mut self, now_ms: f64) {
        self.accepted_ms = Some(now_ms);
    }

    /// Whether a realtime connection is being watched.
    pub fn set_connected(&mut self, connected: bool) {
        self.connected = connected;
    }

    /// The current phase.
    pub fn phase(&self) -> RestorePhase {
        self.phase
    }

    /// The realtime connection dropped at `at_ms`. Returns the phases entered.
    pub fn connection_dropped(&mut self, at_ms: f64) -> &'static [RestorePhase] {
        if self.phase == RestorePhase::Back || self.drop.is_some() {
            return &[];
        }
        let quick = self
            .accepted_ms
            .is_some_and(|a| (QUICK_RESTART_MS.0..=QUICK_RESTART_MS.1).contains(&(at_ms - a)));
        let evidence = self.last_answer_busy || self.unanswered_since_answer || quick;
        self.drop = Some(PendingDrop { at_ms, evidence });
        if self.unanswered_since_answer {
            self.enter(RestorePhase::Restarting)
        } else {
            &[]
        }
    }

    /// A health check started at `started_ms` found `probe`. Returns the phases
    /// entered.
    pub fn probed(&mut self, started_ms: f64, probe: Probe) -> &'static [RestorePhase] {
        if self.phase == RestorePhase::Back {
            return &[];
        }
        match probe {
            Probe::Slow => &[],
            Probe::NoAnswer => {
                self.unanswered_since_answer = true;
                if !self.connected && self.drop.is_none() {
                    self.drop = Some(PendingDrop {
                        at_ms: started_ms,
                        evidence: true,
                    });
                }
                match &mut self.drop {
                    Some(d) => {
                        d.evidence = true;
                        self.enter(RestorePhase::Restarting)
                    }
                    None => &[],
                }
            }
            Probe::Busy | Probe::Idle => {
                let busy = probe == Probe::Busy;
                match &mut self.drop {
                    // Sent before the drop: from the old process or the new one, unknown.
                    Some(d) if started_ms < d.at_ms => return &[],
                    Some(d) if d.evidence && !busy => return self.enter(RestorePhase::Back),
                    Some(d) if busy && started_ms - d.at_ms < OLD_PROCESS_GRACE_MS => {
                        d.evidence = true;
                        return &[];
                    }
                    // The lock is still held, or it was free all along: not the restart.
                    _ => self.drop = None,
                }
                self.last_answer_busy = busy;
                self.unanswered_since_answer = false;
                &[]
            }
        }
    }

    /// Milliseconds left at `now_ms` (0 once the time is up).
    pub fn remaining_ms(&self, now_ms: f64) -> u32 {
        let left = f64::from(self.timeout_ms) - (now_ms - self.started_ms);
        if left.is_nan() || left <= 0.0 {
            0
        } else {
            left.min(f64::from(self.timeout_ms)).ceil() as u32
        }
    }

    /// `Err` once the time allowed has passed without the server coming back.
    pub fn check_time(&self, now_ms: f64) -> Result<(), RestoreTimeout> {
        if self.phase != RestorePhase::Back && self.remaining_ms(now_ms) == 0 {
            return Err(self.timeout());
        }
        Ok(())
    }

    /// The error for running out of time in the current phase.
    pub fn timeout(&self) -> RestoreTimeout {
        RestoreTimeout {
            phase: self.phase,
            timeout_ms: self.timeout_ms,
        }
    }

    /// How long to wait before the next check at `now_ms`, in milliseconds: often
    /// while a drop awaits its verdict or once the server went away, so its return is
    /// seen quickly; every 100 ms in the first 5 s; then every 500 ms (a long restore
    /// needs no more: the lock stays held until the drop).
    pub fn poll_interval_ms(&self, now_ms: f64) -> u32 {
        if self.phase != RestorePhase::Requested || self.drop.is_some() {
            50
        } else if now_ms - self.started_ms < 5_000.0 {
            100
        } else {
            500
        }
    }

    fn enter(&mut self, to: RestorePhase) -> &'static [RestorePhase] {
        const ALL: [RestorePhase; 3] = [
            RestorePhase::Requested,
            RestorePhase::Restarting,
            RestorePhase::Back,
        ];
        if to <= self.phase {
            return &[];
        }
        let from = self.phase as usize + 1;
        self.phase = to;
        &ALL[from..=to as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RestorePhase::{Back, Restarting};

    fn accepted_at(t: f64) -> RestoreWatch {
        let mut w = RestoreWatch::new(t, 60_000, true);
        w.accepted(t);
        w
    }

    #[test]
    fn a_quick_restore_drop_then_a_free_lock_is_back() {
        // Measured on one machine: idle, the drop at 1.007 s, then idle again.
        let mut w = accepted_at(0.0);
        assert_eq!(w.probed(0.0, Probe::Idle), []);
        assert_eq!(w.probed(900.0, Probe::Idle), []);
        assert_eq!(w.connection_dropped(1_007.0), []);
        assert_eq!(w.probed(1_000.0, Probe::Idle), [], "sent before the drop");
        assert_eq!(w.probed(1_050.0, Probe::Idle), [Restarting, Back]);
        assert_eq!(w.phase(), Back);
        assert_eq!(w.check_time(1e12), Ok(()), "done is never late");
    }

    #[test]
    fn the_server_going_away_reports_restarting_first() {
        let mut w = accepted_at(0.0);
        w.probed(1_000.0, Probe::Busy);
        assert_eq!(w.connection_dropped(1_010.0), []);
        assert_eq!(w.probed(1_017.0, Probe::NoAnswer), [Restarting]);
        assert_eq!(w.probed(1_030.0, Probe::NoAnswer), []);
        assert_eq!(w.probed(1_060.0, Probe::Idle), [Back]);
    }

    #[test]
    fn a_long_restore_seen_busy_is_back_after_drop_and_free_lock() {
        let mut w = accepted_at(0.0);
        for t in (1_000..600_000).step_by(100) {
            assert_eq!(w.probed(f64::from(t), Probe::Busy), []);
        }
        assert_eq!(w.connection_dropped(600_050.0), []);
        assert_eq!(w.probed(600_100.0, Probe::Idle), [Restarting, Back]);
    }

    #[test]
    fn a_drop_while_the_lock_stays_held_is_not_the_restart() {
        // The server closes a realtime connection idle for 5 minutes, mid-restore.
        let mut w = accepted_at(0.0);
        w.probed(2_000.0, Probe::Busy);
        assert_eq!(w.connection_dropped(300_000.0), []);
        // Just after the drop the old process may still answer: no verdict yet.
        assert_eq!(w.probed(300_010.0, Probe::Busy), []);
        assert_eq!(
            w.poll_interval_ms(300_020.0),
            50,
            "the drop still awaits its verdict"
        );
        // Still held a second after the drop: not the restart.
        assert_eq!(w.probed(301_010.0, Probe::Busy), []);
        assert_eq!(w.poll_interval_ms(301_020.0), 500);
        assert_eq!(w.phase(), RestorePhase::Requested);
        // Later the lock is freed with no drop: the restore failed, nothing restarted.
        assert_eq!(w.probed(400_000.0, Probe::Idle), []);
        assert_eq!(w.phase(), RestorePhase::Requested);
        // The reconnected watch then sees the real restart.
        let mut w = accepted_at(0.0);
        w.probed(2_000.0, Probe::Busy);
        w.connection_dropped(300_000.0);
        w.probed(301_010.0, Probe::Busy);
        w.connection_dropped(500_000.0);
        assert_eq!(w.probed(500_050.0, Probe::Idle), [Restarting, Back]);
    }

    #[test]
    fn the_old_process_answering_just_after_the_drop_with_the_lock_held_is_no_verdict() {
        // Measured in Node: the stream ends, a check sent 1 ms later is answered by the
        // old process (lock held), the next one by the new process (lock free).
        let mut w = accepted_at(0.0);
        w.probed(900.0, Probe::Idle);
        w.connection_dropped(1_010.0);
        assert_eq!(w.probed(1_011.0, Probe::Busy), []);
        assert_eq!(w.poll_interval_ms(1_020.0), 50);
        assert_eq!(w.probed(1_061.0, Probe::Idle), [Restarting, Back]);
        // A resumed watch (no time of acceptance): the lock held just after the drop is
        // the evidence a lock held just before it would be.
        let mut w = RestoreWatch::new(0.0, 60_000, true);
        w.probed(900.0, Probe::Idle);
        w.connection_dropped(1_010.0);
        assert_eq!(w.probed(1_011.0, Probe::Busy), []);
        assert_eq!(w.probed(1_061.0, Probe::Idle), [Restarting, Back]);
    }

    #[test]
    fn a_late_drop_while_the_server_answers_free_is_not_the_restart() {
        // A backup without data.db: the lock came and went unseen; a proxy later
        // closes the idle connection.
        let mut w = accepted_at(0.0);
        w.probed(1_000.0, Probe::Idle);
        w.probed(30_000.0, Probe::Idle);
        assert_eq!(w.connection_dropped(60_000.0), []);
        assert_eq!(w.probed(60_010.0, Probe::Idle), []);
        assert_eq!(w.phase(), RestorePhase::Requested);
        assert_eq!(w.probed(60_100.0, Probe::Idle), []);
        assert_eq!(w.phase(), RestorePhase::Requested);
    }

    #[test]
    fn a_drop_before_the_server_can_have_started_is_not_the_restart() {
        let mut w = accepted_at(0.0);
        w.connection_dropped(200.0);
        assert_eq!(w.probed(250.0, Probe::Idle), []);
        // A resumed watch has no accepted time: only seen evidence counts.
        let mut w = RestoreWatch::new(0.0, 60_000, true);
        w.connection_dropped(1_007.0);
        assert_eq!(w.probed(1_050.0, Probe::Idle), []);
    }

    #[test]
    fn a_slow_check_tells_nothing() {
        let mut w = accepted_at(0.0);
        w.probed(1_000.0, Probe::Busy);
        w.connection_dropped(5_000.0);
        assert_eq!(w.probed(5_010.0, Probe::Slow), []);
        assert_eq!(w.probed(8_010.0, Probe::Idle), [Restarting, Back]);
    }

    #[test]
    fn without_a_connection_no_answer_then_an_answer_is_back() {
        let mut w = RestoreWatch::new(0.0, 60_000, false);
        w.accepted(0.0);
        assert_eq!(w.probed(500.0, Probe::Idle), []);
        assert_eq!(w.probed(1_010.0, Probe::NoAnswer), [Restarting]);
        assert_eq!(w.probed(1_060.0, Probe::Idle), [Back]);
        // A lock freed with nothing going away is not a restart.
        let mut w = RestoreWatch::new(0.0, 60_000, false);
        w.probed(1_000.0, Probe::Busy);
        assert_eq!(w.probed(1_100.0, Probe::Idle), []);
    }

    #[test]
    fn checks_often_at_first_and_around_a_drop() {
        let mut w = accepted_at(0.0);
        assert_eq!(w.poll_interval_ms(100.0), 100);
        assert_eq!(w.poll_interval_ms(60_000.0), 500, "a long restore");
        w.probed(59_000.0, Probe::Busy);
        w.connection_dropped(60_000.0);
        assert_eq!(w.poll_interval_ms(60_000.0), 50, "a drop awaits its verdict");
        w.probed(60_010.0, Probe::Busy);
        assert_eq!(
            w.poll_interval_ms(60_010.0),
            50,
            "the old process may still answer"
        );
        w.probed(61_010.0, Probe::Busy);
        assert_eq!(w.poll_interval_ms(61_010.0), 500);
        w.connection_dropped(62_000.0);
        w.probed(62_010.0, Probe::NoAnswer);
        assert_eq!(w.poll_interval_ms(62_010.0), 50, "gone away");
    }

    #[test]
    fn times_out_with_the_in_progress_message() {
        let mut w = RestoreWatch::new(0.0, 3_000, true);
        assert_eq!(w.check_time(2_999.0), Ok(()));
        assert_eq!(w.remaining_ms(2_999.5), 1);
        assert_eq!(w.remaining_ms(3_000.0), 0);
        let e = w.check_time(3_000.0).unwrap_err();
        assert_eq!(e.phase, RestorePhase::Requested);
        assert_eq!(
            e.message(),
            "The restore was not confirmed within 3000 ms and may still be in progress: the \
             server has not restarted yet (downloading and extracting a large backup takes \
             long; a backup without data.db is never restored). Call backups.watchRestore() \
             to keep waiting."
        );
        w.probed(0.0, Probe::Busy);
        w.connection_dropped(10.0);
        w.probed(20.0, Probe::NoAnswer);
        assert!(w.check_time(f64::NAN).is_err());
        assert_eq!(
            w.remaining_ms(-1e300),
            3_000,
            "a clock going back never adds time"
        );
        let m = w.check_time(5_000.0).unwrap_err().message();
        assert!(m.contains("went away but has not answered again"), "{m}");
        assert!(m.contains("may still be in progress"), "{m}");
        assert_eq!(RestorePhase::Restarting.name(), "restarting");
    }
}
