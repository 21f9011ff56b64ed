//! The site's secret key, made at random once on first use and kept in the
//! database (`site_secrets`), so that every server sharing the database uses
//! the same one. Keyed hashes of e-mail addresses are taken with it: the
//! attempt counters' keys and the decoy security question.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use crate::error::AppError;
use crate::store::Pool;

/// The key as read from the database.
#[derive(Clone)]
pub struct SiteSecret(Vec<u8>);

impl SiteSecret {
    /// The site's key, made now if there is none yet. Two servers making it
    /// at once both end up with the one that was stored first.
    pub async fn load(pool: &Pool) -> Result<SiteSecret, AppError> {
        if let Some((key,)) =
            sqlx::query_as::<_, (Vec<u8>,)>("SELECT attempt_key FROM site_secrets WHERE id = 1")
                .fetch_optional(pool)
                .await?
        {
            return Ok(SiteSecret(key));
        }
        let mut fresh = vec![0u8; 32];
        rand::rng().fill_bytes(&mut fresh);
        sqlx::query("INSERT INTO site_secrets (id, attempt_key) VALUES (1, $1) ON CONFLICT (id) DO NOTHING")
            .bind(fresh)
            .execute(pool)
            .await?;
        let (key,): (Vec<u8>,) = sqlx::query_as("SELECT attempt_key FROM site_secrets WHERE id = 1")
            .fetch_one(pool)
            .await?;
        Ok(SiteSecret(key))
    }

    /// HMAC-SHA256 of `purpose` and `value` under the site's key.
    pub fn keyed_hash(&self, purpose: &str, value: &str) -> [u8; 32] {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// The counters' key for a normalized e-mail, as hex.
    pub fn account_key(&self, email: &str) -> String {
        hex::encode(self.keyed_hash("sign-in attempts", email))
    }
}
