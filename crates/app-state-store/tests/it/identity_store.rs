//! Users, workspaces, members, the last-owner rule and the local owner bootstrap.

use app_state_store::StoreError;
use identity::{
    DisplayName, Email, IdentityError, Password, PasswordHasher, QuoteAsset, Role, UserStatus, WorkspaceName,
};

use crate::{TestResult, fresh_store};

#[test]
fn the_local_owner_is_bootstrapped_once() -> TestResult {
    let (_folder, store) = fresh_store();
    store.ensure_local_owner(None)?;
    store.ensure_local_owner(None)?;
    let user = store.user(identity::LOCAL_USER_ID)?;
    assert_eq!((user.email.as_str(), user.display_name.as_str()), ("local@example.invalid", "Local User"));
    let workspaces = store.workspaces_of(identity::LOCAL_USER_ID)?;
    assert_eq!(workspaces.len(), 1);
    assert_eq!(workspaces[0].workspace.id, "local-workspace");
    assert_eq!(workspaces[0].workspace.name, "Local Workspace");
    assert_eq!(workspaces[0].workspace.default_quote_asset, "USDT");
    assert_eq!(workspaces[0].role, Role::Owner);

    // A password given later is set only if the user has none.
    let hasher = PasswordHasher::new()?;
    let first = hasher.hash(&Password::parse("first password")?)?;
    store.ensure_local_owner(Some(&first))?;
    let second = hasher.hash(&Password::parse("second password")?)?;
    store.ensure_local_owner(Some(&second))?;
    let stored = store.user_by_email(&Email::parse("LOCAL@example.invalid")?)?.ok_or("local user")?;
    assert_eq!(stored.password_hash, Some(first));
    Ok(())
}

#[test]
fn members_are_added_updated_and_removed_under_the_last_owner_rule() -> TestResult {
    let (_folder, store) = fresh_store();
    let hasher = PasswordHasher::new()?;
    let hash = hasher.hash(&Password::parse("a fine password")?)?;
    let owner = store.create_user(&Email::parse("owner@example.com")?, &DisplayName::parse("Owner")?, Some(&hash))?;
    let workspace = store.create_workspace(&owner.id, &WorkspaceName::parse("Desk")?, &QuoteAsset::parse("usdt")?)?;
    assert_eq!(workspace.default_quote_asset, "USDT");

    // A new e-mail address creates the user.
    let viewer_email = Email::parse("viewer@example.com")?;
    let name = DisplayName::parse("Vera")?;
    let (viewer, created) = store.put_member(&workspace.id, &viewer_email, Some((&name, &hash)), Role::Viewer)?;
    assert!(created);
    assert_eq!((viewer.role, viewer.user.display_name.as_str()), (Role::Viewer, "Vera"));
    // The same address again only changes the role.
    let (viewer, created) = store.put_member(&workspace.id, &viewer_email, None, Role::Trader)?;
    assert!(!created);
    assert_eq!(viewer.role, Role::Trader);
    assert_eq!(store.members(&workspace.id)?.len(), 2);

    // The last owner can be neither demoted nor removed.
    let owner_email = Email::parse("owner@example.com")?;
    let demoted = store.put_member(&workspace.id, &owner_email, None, Role::Editor);
    assert!(matches!(demoted, Err(StoreError::Rule(IdentityError::LastOwner))), "{demoted:?}");
    assert!(matches!(store.remove_member(&workspace.id, &owner.id), Err(StoreError::Rule(IdentityError::LastOwner))));
    // With a second owner, the first may go.
    store.put_member(&workspace.id, &viewer_email, None, Role::Owner)?;
    store.remove_member(&workspace.id, &owner.id)?;
    assert!(store.membership(&workspace.id, &owner.id)?.is_none());
    assert!(matches!(store.remove_member(&workspace.id, &owner.id), Err(StoreError::NotFound { .. })));
    Ok(())
}

#[test]
fn e_mail_addresses_are_unique() -> TestResult {
    let (_folder, store) = fresh_store();
    let name = DisplayName::parse("Ada")?;
    store.create_user(&Email::parse("ada@example.com")?, &name, None)?;
    let again = store.create_user(&Email::parse("ADA@example.com")?, &name, None);
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    Ok(())
}

#[test]
fn the_active_workspace_must_be_ones_own() -> TestResult {
    let (_folder, store) = fresh_store();
    store.ensure_local_owner(None)?;
    let other = store.create_user(&Email::parse("other@example.com")?, &DisplayName::parse("Other")?, None)?;
    let theirs = store.create_workspace(&other.id, &WorkspaceName::parse("Theirs")?, &QuoteAsset::parse("USDT")?)?;
    assert!(matches!(
        store.set_active_workspace(identity::LOCAL_USER_ID, &theirs.id),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(store.active_workspace(identity::LOCAL_USER_ID)?, None);
    store.set_active_workspace(&other.id, &theirs.id)?;
    assert_eq!(store.active_workspace(&other.id)?, Some(theirs.id.clone()));
    Ok(())
}

#[test]
fn disabling_a_user_or_changing_a_password_ends_their_sessions() -> TestResult {
    let (_folder, store) = fresh_store();
    let user = store.create_user(&Email::parse("ada@example.com")?, &DisplayName::parse("Ada")?, None)?;
    let policy = identity::SessionPolicy::default();
    store.create_session("{}", Some(&user.id), 0, &policy)?;
    store.create_session("{}", Some(&user.id), 0, &policy)?;
    assert_eq!(store.session_count_of(&user.id)?, 2);
    let hash = PasswordHasher::new()?.hash(&Password::parse("brand new password")?)?;
    store.set_password(&user.id, &hash)?;
    assert_eq!(store.session_count_of(&user.id)?, 0);

    store.create_session("{}", Some(&user.id), 0, &policy)?;
    store.set_user_status(&user.id, UserStatus::Disabled)?;
    assert_eq!(store.session_count_of(&user.id)?, 0);
    assert_eq!(store.user(&user.id)?.status, UserStatus::Disabled);
    Ok(())
}

#[test]
fn backtests_stay_in_their_workspace() -> TestResult {
    let (_folder, store) = fresh_store();
    store.ensure_local_owner(None)?;
    let other = store.create_workspace(
        identity::LOCAL_USER_ID,
        &WorkspaceName::parse("Other")?,
        &QuoteAsset::parse("USDT")?,
    )?;
    let new = app_state_store::NewBacktest {
        workspace_id: identity::LOCAL_WORKSPACE_ID.to_owned(),
        created_by: identity::LOCAL_USER_ID.to_owned(),
        strategy: "ma_cross".to_owned(),
        subject: "BTCUSDT".to_owned(),
        interval: "1d".to_owned(),
        request_json: "{\"a\":1}".to_owned(),
        summary_json: "{}".to_owned(),
        report_json: "{\"b\":2}".to_owned(),
    };
    let stored = store.insert_backtest(&new)?;
    let read = store.backtest(identity::LOCAL_WORKSPACE_ID, &stored.id)?;
    assert_eq!((read.request_json.as_str(), read.report_json.as_str()), ("{\"a\":1}", "{\"b\":2}"));
    assert_eq!(read.summary, stored);
    assert!(matches!(store.backtest(&other.id, &stored.id), Err(StoreError::NotFound { what: "backtest" })));
    assert!(store.backtests_of(&other.id)?.is_empty());
    assert!(matches!(store.delete_backtest(&other.id, &stored.id), Err(StoreError::NotFound { .. })));
    assert_eq!(store.backtests_of(identity::LOCAL_WORKSPACE_ID)?.len(), 1);
    store.delete_backtest(identity::LOCAL_WORKSPACE_ID, &stored.id)?;
    assert!(store.backtests_of(identity::LOCAL_WORKSPACE_ID)?.is_empty());
    Ok(())
}
