// Property tests against SQLite follow.
