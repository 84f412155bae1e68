//! The lifecycle of a trade plan: `planned -> open -> closed` and `planned -> cancelled`.

use std::fmt;

/// Where a trade plan is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlanStatus {
    /// Written down, nothing filled yet.
    Planned,
    /// Paper-opened: every leg has its entry fill.
    Open,
    /// Paper-closed: every leg has its entry and exit fill. Final.
    Closed,
    /// Cancelled before it was opened. Final.
    Cancelled,
}

/// Something a caller asks of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanAction {
    PaperOpen,
    PaperClose,
    Cancel,
}

/// An action the plan's status does not allow, e.g. closing a plan that was never
/// opened. The API answers it with 409 and the code `invalid_transition`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot {action} {} {from} plan", if matches!(from, PlanStatus::Open) { "an" } else { "a" })]
pub struct InvalidTransition {
    pub from: PlanStatus,
    pub action: PlanAction,
}

/// The reason a status name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid plan status {0:?}: expected planned, open, closed or cancelled")]
pub struct InvalidPlanStatus(pub String);

impl PlanStatus {
    pub const ALL: [PlanStatus; 4] = [Self::Planned, Self::Open, Self::Closed, Self::Cancelled];

    /// The status after `action`, or the refusal. The whole state machine:
    /// `planned` + paper-open = `open`, `open` + paper-close = `closed`, `planned` +
    /// cancel = `cancelled`; every other pair is an [`InvalidTransition`].
    pub fn after(self, action: PlanAction) -> Result<PlanStatus, InvalidTransition> {
        match (self, action) {
            (Self::Planned, PlanAction::PaperOpen) => Ok(Self::Open),
            (Self::Open, PlanAction::PaperClose) => Ok(Self::Closed),
            (Self::Planned, PlanAction::Cancel) => Ok(Self::Cancelled),
            (from, action) => Err(InvalidTransition { from, action }),
        }
    }

    /// Whether no action can change this status any more.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Closed | Self::Cancelled)
    }

    /// Parses the stored name (`planned`, `open`, `closed`, `cancelled`).
    pub fn parse(raw: &str) -> Result<Self, InvalidPlanStatus> {
        Self::ALL.into_iter().find(|status| status.as_str() == raw).ok_or_else(|| InvalidPlanStatus(raw.to_owned()))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::Open => "open",
            Self::Closed => "closed",
            Self::Cancelled => "cancelled",
        }
    }
}

impl fmt::Display for PlanStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PlanAction {
    pub const ALL: [PlanAction; 3] = [Self::PaperOpen, Self::PaperClose, Self::Cancel];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::PaperOpen => "paper-open",
            Self::PaperClose => "paper-close",
            Self::Cancel => "cancel",
        }
    }
}

impl fmt::Display for PlanAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every cell of the (status, action) table, written out by hand.
    #[test]
    fn follows_the_state_machine_in_every_cell() {
        use PlanAction::*;
        use PlanStatus::*;
        let expected = [
            (Planned, PaperOpen, Some(Open)),
            (Planned, PaperClose, None),
            (Planned, Cancel, Some(Cancelled)),
            (Open, PaperOpen, None),
            (Open, PaperClose, Some(Closed)),
            (Open, Cancel, None),
            (Closed, PaperOpen, None),
            (Closed, PaperClose, None),
            (Closed, Cancel, None),
            (Cancelled, PaperOpen, None),
            (Cancelled, PaperClose, None),
            (Cancelled, Cancel, None),
        ];
        assert_eq!(expected.len(), PlanStatus::ALL.len() * PlanAction::ALL.len());
        for (from, action, to) in expected {
            let outcome = from.after(action);
            match to {
                Some(to) => assert_eq!(outcome, Ok(to), "{from} + {action}"),
                None => assert_eq!(outcome, Err(InvalidTransition { from, action }), "{from} + {action}"),
            }
        }
    }

    #[test]
    fn final_statuses_refuse_everything() {
        for status in PlanStatus::ALL {
            let refuses_all = PlanAction::ALL.into_iter().all(|action| status.after(action).is_err());
            assert_eq!(status.is_final(), refuses_all, "{status}");
        }
    }

    #[test]
    fn names_round_trip_and_read_well() {
        for status in PlanStatus::ALL {
            assert_eq!(PlanStatus::parse(status.as_str()), Ok(status));
        }
        assert_eq!(PlanStatus::parse("Open"), Err(InvalidPlanStatus("Open".to_owned())));
        let error = InvalidTransition { from: PlanStatus::Closed, action: PlanAction::PaperOpen };
        assert_eq!(error.to_string(), "cannot paper-open a closed plan");
    }
}
