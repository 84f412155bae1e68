//! Roles of workspace members and the permission matrix.
//!
//! | action                                                        | viewer | editor | trader | owner |
//! |---------------------------------------------------------------|--------|--------|--------|-------|
//! | read the workspace and everything in it                       | yes    | yes    | yes    | yes   |
//! | run and delete backtests; create, edit and cancel trade plans | no     | yes    | yes    | yes   |
//! | paper-open and paper-close plans; create and cancel orders    | no     | no     | yes    | yes   |
//! | add, update and remove members; rename the workspace          | no     | no     | no     | yes   |

use std::fmt;

use crate::error::IdentityError;

/// A member's role in one workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Viewer,
    Editor,
    Trader,
    Owner,
}

/// What a member may want to do in a workspace; one row of the matrix each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Read the workspace and everything in it: backtests, plans, fills, accounts,
    /// positions, orders, members.
    Read,
    /// Run and delete backtests; create, edit and cancel trade plans.
    Research,
    /// Paper-open and paper-close plans; create and cancel orders.
    Trade,
    /// Add, update and remove members; rename the workspace.
    Manage,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Viewer, Role::Editor, Role::Trader, Role::Owner];

    pub fn parse(raw: &str) -> Result<Self, IdentityError> {
        Self::ALL.into_iter().find(|role| role.as_str() == raw).ok_or_else(|| {
            IdentityError::invalid("role", format!("expected one of owner, editor, trader, viewer, got {raw:?}"))
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Viewer => "viewer",
            Self::Editor => "editor",
            Self::Trader => "trader",
            Self::Owner => "owner",
        }
    }

    /// The permission matrix in the module documentation.
    pub fn allows(self, action: Action) -> bool {
        match action {
            Action::Read => true,
            Action::Research => matches!(self, Self::Editor | Self::Trader | Self::Owner),
            Action::Trade => matches!(self, Self::Trader | Self::Owner),
            Action::Manage => self == Self::Owner,
        }
    }
}

impl Action {
    pub const ALL: [Action; 4] = [Action::Read, Action::Research, Action::Trade, Action::Manage];

    /// How the action is described in error messages.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Read => "read this workspace",
            Self::Research => "run backtests or edit trade plans",
            Self::Trade => "paper-trade or place orders",
            Self::Manage => "manage members or rename the workspace",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_of_the_matrix() {
        use Action::*;
        use Role::*;
        let expected = [
            (Read, [true, true, true, true]),
            (Research, [false, true, true, true]),
            (Trade, [false, false, true, true]),
            (Manage, [false, false, false, true]),
        ];
        for (action, row) in expected {
            for (role, allowed) in [Viewer, Editor, Trader, Owner].into_iter().zip(row) {
                assert_eq!(role.allows(action), allowed, "{role} / {action:?}");
            }
        }
    }

    #[test]
    fn roles_round_trip_and_unknown_roles_are_refused() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert!(Role::parse("admin").is_err());
        assert!(Role::parse("Owner").is_err());
    }
}
