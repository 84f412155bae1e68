//! How long a login lasts: an idle timeout and an absolute one.

/// Session lifetimes in milliseconds. A session ends when it has been idle for `idle_ms`
/// or was created more than `absolute_ms` ago, whichever comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    pub idle_ms: i64,
    pub absolute_ms: i64,
}

impl Default for SessionPolicy {
    /// 30 minutes idle, 12 hours absolute.
    fn default() -> Self {
        Self { idle_ms: 30 * 60_000, absolute_ms: 12 * 3_600_000 }
    }
}

impl SessionPolicy {
    /// When a session created at `created_at_ms` and used at `now_ms` expires.
    pub fn expires_at(&self, created_at_ms: i64, now_ms: i64) -> i64 {
        now_ms.saturating_add(self.idle_ms).min(created_at_ms.saturating_add(self.absolute_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_earlier_timeout_wins() {
        let policy = SessionPolicy { idle_ms: 10, absolute_ms: 100 };
        assert_eq!(policy.expires_at(0, 0), 10);
        assert_eq!(policy.expires_at(0, 50), 60);
        assert_eq!(policy.expires_at(0, 95), 100);
    }
}
