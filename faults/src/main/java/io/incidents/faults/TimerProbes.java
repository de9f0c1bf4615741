package io.incidents.faults;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Escalation timers that fall due during a fault. A few SEV2 incidents are declared and never
 * acknowledged; the shortest acknowledge interval (SEV2, 15 min) is longer than a scenario, so
 * just before the fault the suite moves each one's pending deadline (its db-scheduler row, whose
 * id the declaration's metadata names) to a moment inside the fault, as if 15 minutes had passed.
 * Afterwards each must have escalated once, to level 3, and never twice to the same level.
 */
final class TimerProbes {

    static final int ESCALATED_LEVEL = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Databases databases;
    private final List<String> incidents;

    TimerProbes(Databases databases, List<String> incidents) {
        this.databases = databases;
        this.incidents = List.copyOf(incidents);
    }

    static TimerProbes declare(Api api, Databases databases, String run, String scenario, int count) throws InterruptedException {
        List<String> incidents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = api.declare(scenario, run + "-" + scenario + "-timer-probe-" + i, "SEV2");
            if (id != null) {
                incidents.add(id);
            }
        }
        return new TimerProbes(databases, incidents);
    }

    /** Makes every probe's acknowledge deadline due at {@code at}; false when one has no pending deadline. */
    boolean dueAt(Instant at) throws SQLException {
        boolean all = true;
        try (Connection connection = databases.openForWriting(Databases.INCIDENTS);
             PreparedStatement metadata = connection.prepareStatement("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry"
                     + " WHERE aggregate_identifier = ? AND sequence_number = 0");
             PreparedStatement move = connection.prepareStatement(
                     "UPDATE scheduled_tasks SET execution_time = ? WHERE task_instance = ? AND picked = false")) {
            for (String incident : incidents) {
                metadata.setString(1, incident);
                ResultSet row = metadata.executeQuery();
                String deadline = row.next() ? deadlineId(row.getString(1)) : null;
                if (deadline == null) {
                    all = false;
                    continue;
                }
                move.setTimestamp(1, Timestamp.from(at));
                move.setString(2, deadline);
                all &= move.executeUpdate() == 1;
            }
        }
        return all;
    }

    int count() {
        return incidents.size();
    }

    /** Probes without their escalation to level 3. */
    long missing(StoredEvents store) {
        return incidents.stream().filter(incident -> store.timerEscalations(incident).stream()
                .noneMatch(escalation -> escalation.level() == ESCALATED_LEVEL)).count();
    }

    /** Escalations beyond the first to the same level. */
    long duplicated(StoredEvents store) {
        long extra = 0;
        for (String incident : incidents) {
            List<StoredEvents.Escalation> escalations = store.timerEscalations(incident);
            extra += escalations.size() - escalations.stream().map(StoredEvents.Escalation::level).distinct().count();
        }
        return extra;
    }

    private static String deadlineId(String metadata) {
        try {
            return metadata == null ? null : JSON.readTree(metadata).path("ackDeadlineId").asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}
