package io.incidents.incidentservice.apitoken;

import io.incidents.support.security.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code api_token} table. Row locks order concurrent changes of one token with their publication. */
@Repository
class ApiTokenStore {

    private static final RowMapper<StoredToken> ROW = ApiTokenStore::row;

    private final JdbcTemplate jdbc;

    ApiTokenStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(StoredToken token) {
        jdbc.update("INSERT INTO api_token (id, name, role, sha256, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                token.id(), token.name(), token.role().name(), token.sha256(), token.createdBy(), timestamp(token.createdAt()),
                timestamp(token.expiresAt()));
    }

    /** The row, locked until the transaction ends, so a concurrent change of the same token waits. */
    Optional<StoredToken> lock(String id) {
        return jdbc.query("SELECT * FROM api_token WHERE id = ? FOR UPDATE", ROW, id).stream().findFirst();
    }

    void revoke(StoredToken revoked) {
        jdbc.update("UPDATE api_token SET revoked_at = ?, revoked_by = ? WHERE id = ?",
                timestamp(revoked.revokedAt()), revoked.revokedBy(), revoked.id());
    }

    /** Newest first. */
    List<StoredToken> all() {
        return jdbc.query("SELECT * FROM api_token ORDER BY created_at DESC, id", ROW);
    }

    /**
     * Every row, share-locked until the transaction ends: a revocation committed meanwhile waits,
     * so it is published after (not before) a stale copy of the same token.
     */
    List<StoredToken> lockAll() {
        return jdbc.query("SELECT * FROM api_token ORDER BY created_at FOR SHARE", ROW);
    }

    /** Keeps the latest use: reports from several services and instances arrive in any order. */
    boolean markUsed(String id, Instant usedAt) {
        return jdbc.update("UPDATE api_token SET last_used_at = GREATEST(last_used_at, ?) WHERE id = ?",
                timestamp(usedAt), id) > 0;
    }

    private static StoredToken row(ResultSet row, int index) throws SQLException {
        return new StoredToken(row.getString("id"), row.getString("name"), Role.valueOf(row.getString("role")),
                row.getString("sha256"), row.getString("created_by"), instant(row, "created_at"), instant(row, "expires_at"),
                instant(row, "revoked_at"), row.getString("revoked_by"), instant(row, "last_used_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
