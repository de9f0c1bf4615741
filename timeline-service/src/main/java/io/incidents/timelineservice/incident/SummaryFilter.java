package io.incidents.timelineservice.incident;

import io.incidents.events.Severity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The incident list's filters; each one left null does not filter. */
public record SummaryFilter(IncidentStatus status, Severity severity, String service, Instant declaredFrom,
                            Instant declaredTo) {

    public record Sql(String clause, List<Object> arguments) {
    }

    public Sql toSql() {
        List<String> conditions = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        if (status != null) {
            conditions.add("status = ?");
            arguments.add(status.name());
        }
        if (severity != null) {
            conditions.add("severity = ?");
            arguments.add(severity.name());
        }
        if (service != null) {
            conditions.add("? = ANY(services)");
            arguments.add(service);
        }
        if (declaredFrom != null) {
            conditions.add("declared_at >= ?");
            arguments.add(Timestamp.from(declaredFrom));
        }
        if (declaredTo != null) {
            conditions.add("declared_at < ?");
            arguments.add(Timestamp.from(declaredTo));
        }
        return new Sql(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), arguments);
    }
}
