package io.incidents.support.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import io.incidents.support.security.Caller;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What people and programs did that is not an incident event: failed logins, role denials,
 * replays, dead-letter retries, token and integration changes. Never holds a secret: callers
 * pass names and ids, not keys. Writing must not turn a refusal into an error, so a failed write
 * is logged and the request goes on.
 */
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    public record Entry(long id, Instant at, String actor, String action, String target, String detail, String address) {
    }

    /** Filters; null means any. */
    public record Query(String actor, String action, Instant from, Instant to, int limit) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AuditLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String actor, String action, String target, String detail, String address) {
        try {
            jdbc.update("INSERT INTO audit_log (at, actor, action, target, detail, address) VALUES (?, ?, ?, ?, ?, ?)",
                    Timestamp.from(clock.instant()), cut(actor == null ? "anonymous" : actor, 200), cut(action, 60),
                    cut(target, 300), cut(detail, 1000), cut(address, 100));
        } catch (DataAccessException e) {
            log.warn("Could not write the audit entry {} by {}: {}", action, actor, e.getMessage());
        }
    }

    /** Records what the caller of the current HTTP request did: actor and address come from the request. */
    public void recordRequest(String action, String target, String detail) {
        String address = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getRemoteAddr() : null;
        record(Caller.name(), action, target, detail, address);
    }

    public List<Entry> find(Query query) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE true");
        List<Object> args = new ArrayList<>();
        if (query.actor() != null) {
            sql.append(" AND actor = ?");
            args.add(query.actor());
        }
        if (query.action() != null) {
            sql.append(" AND action = ?");
            args.add(query.action());
        }
        if (query.from() != null) {
            sql.append(" AND at >= ?");
            args.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND at < ?");
            args.add(Timestamp.from(query.to()));
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        args.add(query.limit());
        return jdbc.query(sql.toString(), (row, i) -> new Entry(row.getLong("id"), row.getTimestamp("at").toInstant(),
                row.getString("actor"), row.getString("action"), row.getString("target"), row.getString("detail"),
                row.getString("address")), args.toArray());
    }

    /** Strips control characters (no forged lines in whatever displays the log) and bounds the length. */
    private static String cut(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = text.replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
