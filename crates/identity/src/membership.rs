//! The rule that keeps every workspace owned: the last owner can be neither removed nor
//! demoted.

use crate::error::IdentityError;
use crate::role::Role;

/// A change to one member of a workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MembershipChange {
    SetRole(Role),
    Remove,
}

/// Checks a change against the last-owner rule. `current_role` is the member's role now
/// (`None` for someone who is not a member yet); `owner_count` counts the workspace's
/// owners now. Callers check and write in one transaction.
pub fn check_membership_change(
    owner_count: usize,
    current_role: Option<Role>,
    change: MembershipChange,
) -> Result<(), IdentityError> {
    let stays_owner = change == MembershipChange::SetRole(Role::Owner);
    if current_role == Some(Role::Owner) && !stays_owner && owner_count <= 1 {
        return Err(IdentityError::LastOwner);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_owner_stays() {
        use MembershipChange::*;
        assert_eq!(check_membership_change(1, Some(Role::Owner), Remove), Err(IdentityError::LastOwner));
        assert_eq!(check_membership_change(1, Some(Role::Owner), SetRole(Role::Editor)), Err(IdentityError::LastOwner));
        assert_eq!(check_membership_change(1, Some(Role::Owner), SetRole(Role::Owner)), Ok(()));
        assert_eq!(check_membership_change(2, Some(Role::Owner), Remove), Ok(()));
        assert_eq!(check_membership_change(1, Some(Role::Viewer), Remove), Ok(()));
        assert_eq!(check_membership_change(1, None, SetRole(Role::Trader)), Ok(()));
    }
}
