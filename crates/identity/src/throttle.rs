//! Throttling failed logins, per account and per client address.
//!
//! A key (an e-mail address or a client address) that failed `max_failures` times within
//! the last `window_ms` is refused until the oldest of those failures leaves the window.
//! Times are passed in; the caller keeps one throttle behind a lock.

use std::collections::{HashMap, VecDeque};

/// How many failures are allowed in how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    pub max_failures: usize,
    pub window_ms: i64,
}

/// A refusal, with how long to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttled {
    pub retry_after_ms: i64,
}

/// Recent failures per key.
#[derive(Debug, Clone)]
pub struct LoginThrottle {
    policy: ThrottlePolicy,
    failures: HashMap<String, VecDeque<i64>>,
}

/// Above this many keys, keys with no recent failure are dropped.
const PRUNE_ABOVE_KEYS: usize = 10_000;

impl LoginThrottle {
    pub fn new(policy: ThrottlePolicy) -> Self {
        Self { policy, failures: HashMap::new() }
    }

    /// Whether `key` may try again at `now_ms`.
    pub fn check(&mut self, key: &str, now_ms: i64) -> Result<(), Throttled> {
        let Some(times) = self.failures.get_mut(key) else { return Ok(()) };
        Self::forget_old(times, self.policy.window_ms, now_ms);
        match times.front() {
            Some(&oldest) if times.len() >= self.policy.max_failures => {
                Err(Throttled { retry_after_ms: (oldest + self.policy.window_ms - now_ms).max(1) })
            }
            _ => Ok(()),
        }
    }

    pub fn record_failure(&mut self, key: &str, now_ms: i64) {
        if self.failures.len() > PRUNE_ABOVE_KEYS {
            let window_ms = self.policy.window_ms;
            self.failures.retain(|_, times| {
                Self::forget_old(times, window_ms, now_ms);
                !times.is_empty()
            });
        }
        self.failures.entry(key.to_owned()).or_default().push_back(now_ms);
    }

    /// Forgets the failures of `key`, after a successful login.
    pub fn clear(&mut self, key: &str) {
        self.failures.remove(key);
    }

    /// Takes back one failure recorded at `time_ms`: callers record a failure before they
    /// verify (so that parallel attempts cannot all pass the check) and take it back when
    /// the attempt succeeds.
    pub fn forgive(&mut self, key: &str, time_ms: i64) {
        if let Some(times) = self.failures.get_mut(key)
            && let Some(position) = times.iter().rposition(|&time| time == time_ms)
        {
            times.remove(position);
        }
    }

    fn forget_old(times: &mut VecDeque<i64>, window_ms: i64, now_ms: i64) {
        while times.front().is_some_and(|&time| time <= now_ms - window_ms) {
            times.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_after_the_limit_until_the_window_passes() {
        let mut throttle = LoginThrottle::new(ThrottlePolicy { max_failures: 3, window_ms: 100 });
        for now in [0, 10, 20] {
            assert_eq!(throttle.check("ada", now), Ok(()));
            throttle.record_failure("ada", now);
        }
        assert_eq!(throttle.check("ada", 30), Err(Throttled { retry_after_ms: 70 }));
        assert_eq!(throttle.check("bob", 30), Ok(()), "keys are independent");
        assert_eq!(throttle.check("ada", 100), Ok(()), "the first failure left the window");
        throttle.record_failure("ada", 100);
        assert!(throttle.check("ada", 101).is_err());
        throttle.clear("ada");
        assert_eq!(throttle.check("ada", 101), Ok(()));
        throttle.record_failure("bob", 5);
        throttle.record_failure("bob", 6);
        throttle.forgive("bob", 6);
        throttle.record_failure("bob", 7);
        assert_eq!(throttle.check("bob", 8), Ok(()), "two failures left of three allowed");
    }
}
