//! Waiting for a restore: the server answers 204 at once, restarts about a second
//! later, and answers again once it runs on the restored data. This decides, from
//! what the client observes, which phase the restore is in and when to give up.

/// Where a restore stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// The restore did not complete in time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreTimeout {
    /// The phase it was stuck in.
    pub phase: RestorePhase,
    /// The time allowed, in milliseconds.
    pub timeout_ms: u32,
}

impl RestoreTimeout {
    /// A sentence for the user.
    pub fn message(&self) -> String {
        match self.phase {
            RestorePhase::Requested => format!(
                "The server accepted the restore but did not restart within {} ms, so the backup \
                 was not restored (the server silently ignores a backup without data.db).",
                self.timeout_ms
            ),
            _ => format!(
                "The server restarted but did not answer again within {} ms.",
                self.timeout_ms
            ),
        }
    }
}

/// Tracks one restore from the request to the server's return.
#[derive(Debug, Clone)]
pub struct RestoreWatch {
    started_ms: f64,
    timeout_ms: u32,
    phase: RestorePhase,
}

impl RestoreWatch {
    /// Starts watching at `now_ms`, allowing `timeout_ms` in all.
    pub fn new(now_ms: f64, timeout_ms: u32) -> Self {
        RestoreWatch {
            started_ms: now_ms,
            timeout_ms,
            phase: RestorePhase::Requested,
        }
    }

    /// The current phase.
    pub fn phase(&self) -> RestorePhase {
        self.phase
    }

    /// The connection the server keeps open dropped, or it refused a connection, or it
    /// reported a backup/restore in progress: it is restarting. Returns the new phase
    /// when this changes it.
    pub fn server_went_away(&mut self) -> Option<RestorePhase> {
        self.advance(RestorePhase::Requested, RestorePhase::Restarting)
    }

    /// The health check answered. Only counts after the server went away.
    pub fn server_answered(&mut self) -> Option<RestorePhase> {
        self.advance(RestorePhase::Restarting, RestorePhase::Back)
    }

    /// `Err` once the time allowed has passed without the server coming back.
    pub fn check_time(&self, now_ms: f64) -> Result<(), RestoreTimeout> {
        let elapsed = now_ms - self.started_ms;
        let in_time = elapsed.partial_cmp(&f64::from(self.timeout_ms)) == Some(std::cmp::Ordering::Less);
        if self.phase != RestorePhase::Back && !in_time {
            return Err(RestoreTimeout {
                phase: self.phase,
                timeout_ms: self.timeout_ms,
            });
        }
        Ok(())
    }

    /// How long to wait before looking again, in milliseconds: often while the server
    /// is down, so its return is seen quickly.
    pub fn poll_interval_ms(&self) -> u32 {
        match self.phase {
            RestorePhase::Requested => 50,
            _ => 100,
        }
    }

    fn advance(&mut self, from: RestorePhase, to: RestorePhase) -> Option<RestorePhase> {
        (self.phase == from).then(|| {
            self.phase = to;
            to
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goes_requested_restarting_back() {
        let mut w = RestoreWatch::new(1000.0, 5000);
        assert_eq!(w.phase(), RestorePhase::Requested);
        assert_eq!(
            w.server_answered(),
            None,
            "an answer before the restart means nothing"
        );
        assert_eq!(w.server_went_away(), Some(RestorePhase::Restarting));
        assert_eq!(w.server_went_away(), None);
        assert_eq!(w.server_answered(), Some(RestorePhase::Back));
        assert_eq!(w.check_time(1e12), Ok(()), "done is never late");
    }

    #[test]
    fn times_out_with_a_message_for_the_phase() {
        let mut w = RestoreWatch::new(0.0, 3000);
        assert_eq!(w.check_time(2999.0), Ok(()));
        let e = w.check_time(3000.0).unwrap_err();
        assert_eq!(e.phase, RestorePhase::Requested);
        assert!(e.message().contains("did not restart within 3000 ms"));
        assert!(e.message().contains("data.db"));
        w.server_went_away();
        assert!(w.check_time(f64::NAN).is_err());
        assert!(w
            .check_time(5000.0)
            .unwrap_err()
            .message()
            .contains("did not answer again"));
        assert_eq!(RestorePhase::Restarting.name(), "restarting");
    }
}
