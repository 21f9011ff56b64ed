//! Decisions about an account as a whole, before any record is involved:
//! may it sign in, and may it use the application once signed in.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::{PersonnelStatus, Subject};

/// Why an account may not sign in or use the application. Each message is
/// written for the staff member who reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Error)]
pub enum AccountRefusal {
    /// Spec, "Personnel lifecycle": only Active accounts log in.
    #[error("This account is not active. Ask your administrator to activate it.")]
    AccountNotActive,
    /// Spec, "Personnel lifecycle": a user flagged "require password change at
    /// next login" can do nothing but change the password until they have.
    #[error("You must change your password before you can continue.")]
    MustChangePassword,
}

/// May an account with this status sign in (after a correct password)?
pub fn may_sign_in(status: PersonnelStatus) -> Result<(), AccountRefusal> {
    match status {
        PersonnelStatus::Active => Ok(()),
        PersonnelStatus::Inactive | PersonnelStatus::Pending => Err(AccountRefusal::AccountNotActive),
    }
}

/// May this signed-in subject use the application (anything other than
/// changing their own password and signing out)?
pub fn may_use_app(subject: &Subject) -> Result<(), AccountRefusal> {
    may_sign_in(subject.status)?;
    if subject.must_change_password {
        return Err(AccountRefusal::MustChangePassword);
    }
    Ok(())
}

/// May this signed-in subject change their own password? Yes while the
/// account is Active, whether or not a change is pending.
pub fn may_change_own_password(subject: &Subject) -> Result<(), AccountRefusal> {
    may_sign_in(subject.status)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{OrganizationId, PermissionSet, PersonnelId};

    fn subject(status: PersonnelStatus, must_change_password: bool) -> Subject {
        Subject {
            id: PersonnelId(1),
            organization: OrganizationId(1),
            status,
            site_administrator: false,
            permissions: PermissionSet::all(),
            teams: vec![],
            must_change_password,
        }
    }

    #[test]
    fn only_active_accounts_log_in() {
        assert_eq!(may_sign_in(PersonnelStatus::Active), Ok(()));
        assert_eq!(
            may_sign_in(PersonnelStatus::Inactive),
            Err(AccountRefusal::AccountNotActive)
        );
        assert_eq!(
            may_sign_in(PersonnelStatus::Pending),
            Err(AccountRefusal::AccountNotActive)
        );
    }

    #[test]
    fn require_password_change_at_next_login_allows_only_the_change() {
        let s = subject(PersonnelStatus::Active, true);
        assert_eq!(may_use_app(&s), Err(AccountRefusal::MustChangePassword));
        assert_eq!(may_change_own_password(&s), Ok(()));
        assert_eq!(may_use_app(&subject(PersonnelStatus::Active, false)), Ok(()));
    }

    #[test]
    fn an_inactive_account_may_not_even_change_its_password() {
        let s = subject(PersonnelStatus::Inactive, true);
        assert_eq!(may_use_app(&s), Err(AccountRefusal::AccountNotActive));
        assert_eq!(may_change_own_password(&s), Err(AccountRefusal::AccountNotActive));
    }
}
