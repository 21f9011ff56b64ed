//! Case-insensitive search in any language: the searched names are stored a
//! second time, folded by Rust's Unicode `to_lowercase` ("Ā" → "ā", "ΣΩ" →
//! "σω"), and searches fold their text the same way, so both engines compare
//! plain strings byte by byte. Every write of a client's names or a session's
//! title writes the folded copies in the same statement; `safehold migrate`
//! fills them for rows written before they existed.

/// The folded form of `text` that searches compare and lists sort by.
pub fn fold(text: &str) -> String {
    text.to_lowercase()
}

/// A client whose names were written before the folded columns existed.
#[cfg(feature = "ssr")]
#[derive(sqlx::FromRow)]
struct UnfoldedClient {
    id: i64,
    first_name: String,
    last_name: String,
    identifier: String,
}

/// Fills the folded columns of rows that have none (rows written before
/// migration 0009), a thousand rows per transaction. Returns how many rows
/// it filled.
#[cfg(feature = "ssr")]
pub async fn fill_folded_columns(pool: &crate::store::Pool) -> Result<u64, sqlx::Error> {
    const BATCH: i64 = 1000;
    let mut filled = 0;
    loop {
        let mut tx = pool.begin().await?;
        let clients: Vec<UnfoldedClient> = sqlx::query_as(
            "SELECT id, first_name, last_name, identifier FROM clients \
             WHERE first_name_folded IS NULL OR last_name_folded IS NULL OR identifier_folded IS NULL LIMIT $1",
        )
        .bind(BATCH)
        .fetch_all(&mut *tx)
        .await?;
        for client in &clients {
            sqlx::query(
                "UPDATE clients SET first_name_folded = $1, last_name_folded = $2, identifier_folded = $3 WHERE id = $4",
            )
            .bind(fold(&client.first_name))
            .bind(fold(&client.last_name))
            .bind(fold(&client.identifier))
            .bind(client.id)
            .execute(&mut *tx)
            .await?;
        }
        let sessions: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, title FROM session_records WHERE title_folded IS NULL LIMIT $1")
                .bind(BATCH)
                .fetch_all(&mut *tx)
                .await?;
        for (id, title) in &sessions {
            sqlx::query("UPDATE session_records SET title_folded = $1 WHERE id = $2")
                .bind(fold(title))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        let done = (clients.len() + sessions.len()) as u64;
        filled += done;
        if done == 0 {
            return Ok(filled);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folding_lowers_letters_beyond_ascii() {
        assert_eq!(fold("Ātaahua"), "ātaahua");
        assert_eq!(fold("ÖZ"), "öz");
        assert_eq!(fold("ΣΩ"), "σω");
        assert_eq!(fold("MacKenzie"), "mackenzie");
    }
}
