//! A yes/no column read the same from both engines.
//!
//! PostgreSQL keeps yes/no as BOOLEAN; SQLite has no such type and keeps the
//! integers 0 and 1 (declared INTEGER, see migration 0012). Through sqlx's
//! `Any` driver a Rust `bool` decodes only from the first, so every yes/no
//! column and expression is read as a [`Flag`]: in a `FromRow` struct with
//! `#[sqlx(try_from = "Flag")]`, or as `Flag` in a tuple. Writing needs
//! nothing: a bound `bool` becomes 0/1 on SQLite and a BOOLEAN on PostgreSQL.

use sqlx::any::{Any, AnyTypeInfo, AnyTypeInfoKind, AnyValueRef};
use sqlx::error::BoxDynError;
use sqlx::{Decode, Type};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag(pub bool);

impl From<Flag> for bool {
    fn from(flag: Flag) -> bool {
        flag.0
    }
}

impl Type<Any> for Flag {
    fn type_info() -> AnyTypeInfo {
        <bool as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        ty.kind() == AnyTypeInfoKind::Bool || ty.kind().is_integer()
    }
}

impl<'r> Decode<'r, Any> for Flag {
    fn decode(value: AnyValueRef<'r>) -> Result<Flag, BoxDynError> {
        match <bool as Decode<Any>>::decode(value.clone()) {
            Ok(yes) => Ok(Flag(yes)),
            Err(_) => match <i64 as Decode<Any>>::decode(value)? {
                0 => Ok(Flag(false)),
                1 => Ok(Flag(true)),
                other => Err(format!("a yes/no column holds {other}, not 0 or 1").into()),
            },
        }
    }
}
