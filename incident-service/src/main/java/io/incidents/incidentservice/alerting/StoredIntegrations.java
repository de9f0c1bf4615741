package io.incidents.incidentservice.alerting;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Integrations created at run time, in PostgreSQL. Read on every look-up, not cached: a
 * revocation counts at once, on every instance.
 */
@Repository
class StoredIntegrations {

    private static final String COLUMNS = "id, name, default_service, auto_resolve, rate_limit_per_minute, created_at, created_by,"
            + " revoked_at, revoked_by";
    private static final RowMapper<StoredIntegration> ROW = StoredIntegrations::row;

    private final JdbcTemplate jdbc;

    StoredIntegrations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when an active integration has the name already */
    void insert(StoredIntegration integration, String keySha256) {
        jdbc.update("INSERT INTO integration (id, name, key_sha256, default_service, auto_resolve, rate_limit_per_minute,"
                        + " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", integration.id(), integration.name(), keySha256,
                integration.defaultService(), integration.autoResolve(), integration.rateLimitPerMinute(),
                Timestamp.from(integration.createdAt()),
                integration.createdBy());
    }

    /**
     * The active integration of a key hash. Found by an index look-up rather than a constant-time
     * compare: timing can at most tell a prefix of the hash, which brings no key closer.
     */
    Optional<AlertingProperties.Integration> activeByKeySha256(String keySha256) {
        return jdbc.query("SELECT name, key_sha256, default_service, auto_resolve, rate_limit_per_minute FROM integration"
                        + " WHERE key_sha256 = ? AND revoked_at IS NULL",
                (rs, n) -> new AlertingProperties.Integration(rs.getString("name"), rs.getString("key_sha256"),
                        rs.getString("default_service"), rs.getBoolean("auto_resolve"),
                        rs.getObject("rate_limit_per_minute", Integer.class)), keySha256).stream().findFirst();
    }

    boolean activeNameExists(String name) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM integration WHERE name = ?"
                + " AND revoked_at IS NULL)", Boolean.class, name));
    }

    List<StoredIntegration> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM integration ORDER BY created_at, id", ROW);
    }

    Optional<StoredIntegration> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM integration WHERE id = ?", ROW, id).stream().findFirst();
    }

    /** Revokes an active integration; false when there is none of that id (unknown, or revoked before). */
    boolean revoke(String id, Instant at, String by) {
        return jdbc.update("UPDATE integration SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
                Timestamp.from(at), by, id) > 0;
    }

    private static StoredIntegration row(ResultSet rs, int n) throws SQLException {
        Timestamp revokedAt = rs.getTimestamp("revoked_at");
        return new StoredIntegration(rs.getString("id"), rs.getString("name"), rs.getString("default_service"),
                rs.getBoolean("auto_resolve"), rs.getObject("rate_limit_per_minute", Integer.class),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                revokedAt == null ? null : revokedAt.toInstant(), rs.getString("revoked_by"));
    }
}
