package io.incidents.incidentservice.idempotency;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Table {@code idempotent_request}: one row per (caller, key), with the request's fingerprint and its answer. */
@Repository
class StoredAnswers {

    record Stored(String requestSha256, int status, String location, String body) {
    }

    private final JdbcTemplate jdbc;

    StoredAnswers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the key for this request, unless a live row holds it. A concurrent claim of the same
     * key waits here until the first one's transaction ends, then finds its row (or, if that was
     * rolled back, takes the key itself). A row older than {@code expiredBefore} is taken over.
     *
     * @return true when the key is now this request's
     */
    boolean claim(String caller, String key, String requestSha256, Instant now, Instant expiredBefore) {
        return jdbc.update("INSERT INTO idempotent_request (caller, idempotency_key, request_sha256, created_at)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (caller, idempotency_key) DO UPDATE"
                        + " SET request_sha256 = EXCLUDED.request_sha256, created_at = EXCLUDED.created_at,"
                        + " status = NULL, location = NULL, body = NULL"
                        + " WHERE idempotent_request.created_at < ?",
                caller, key, requestSha256, Timestamp.from(now), Timestamp.from(expiredBefore)) > 0;
    }

    void answer(String caller, String key, int status, String location, String body) {
        jdbc.update("UPDATE idempotent_request SET status = ?, location = ?, body = ? WHERE caller = ? AND idempotency_key = ?",
                status, location, body, caller, key);
    }

    Optional<Stored> find(String caller, String key) {
        return jdbc.query("SELECT request_sha256, status, location, body FROM idempotent_request"
                        + " WHERE caller = ? AND idempotency_key = ?",
                (row, i) -> new Stored(row.getString("request_sha256"), row.getInt("status"), row.getString("location"),
                        row.getString("body")), caller, key).stream().findFirst();
    }

    int deleteCreatedBefore(Instant expiredBefore) {
        return jdbc.update("DELETE FROM idempotent_request WHERE created_at < ?", Timestamp.from(expiredBefore));
    }
}
