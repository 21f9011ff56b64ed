//! Creating records (spec, after "Changing a record's protection"): who may
//! create one, and the protection a new one starts with.

use crate::{
    OrganizationId, Permission, PersonnelId, Protection, RecordKind, SiteSettings, Subject, may_use_app,
    protection::ProtectionRefusal,
};

/// The permission that creating a record of this kind needs. There is no
/// separate "create sessions" permission, so sessions need "edit sessions".
pub const fn create_permission(kind: RecordKind) -> Permission {
    match kind {
        RecordKind::Client => Permission::CreateClients,
        RecordKind::SessionRecord => Permission::EditSessions,
    }
}

/// May `subject` create a record of this kind? It needs the permission to
/// view that kind of record as well as the one to create it.
pub fn may_create(subject: &Subject, kind: RecordKind) -> Result<(), ProtectionRefusal> {
    may_use_app(subject)?;
    if subject.site_administrator {
        return Ok(());
    }
    // Nobody creates what they could not then open.
    let view = crate::required_permissions(kind, crate::RecordAction::View);
    match view
        .iter()
        .copied()
        .chain([create_permission(kind)])
        .find(|p| !subject.permissions.contains(*p))
    {
        Some(missing) => Err(ProtectionRefusal::MissingPermission(missing)),
        None => Ok(()),
    }
}

/// The protection of a new client created by `creator` for `organization`:
/// not locked, no allowed personnel (the creator is not added, seed 000),
/// and the creator as responsible personnel when "Assign new client records
/// to the user who creates the record" is on (seed 002). A client booked
/// online passes the personnel it was booked with as `creator`.
pub fn new_client(creator: PersonnelId, organization: OrganizationId, settings: &SiteSettings) -> Protection {
    let mut protection = Protection::new(RecordKind::Client, organization);
    if settings.assign_new_clients_to_creator {
        protection.responsible = Some(creator);
    }
    protection
}
