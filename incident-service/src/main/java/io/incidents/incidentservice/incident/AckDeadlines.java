package io.incidents.incidentservice.incident;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.MetaData;

import java.util.ArrayList;
import java.util.List;

/**
 * The acknowledge deadlines an incident has pending, by schedule id, so stopping its timer cancels
 * exactly them instead of scanning every pending deadline of every incident for this one's scope.
 * The id travels in the metadata of the event that armed it ({@link #ID}); event payloads, the
 * contract other services read, stay as they are. Incidents declared before ids were recorded
 * (no {@link #RECORDED} on their declaration) fall back to the scan, which finds their deadlines
 * whatever armed them.
 */
final class AckDeadlines {

    /** Metadata of an event after which an acknowledge deadline is pending: its schedule id. */
    static final String ID = "ackDeadlineId";
    /** Metadata of every declaration since ids are recorded: {@code "true"}. */
    static final String RECORDED = "ackDeadlineIdsRecorded";

    /** At most two: after a raise the earlier one fires first and cancels the other. */
    private final List<String> pending = new ArrayList<>();
    private boolean recorded;

    /** The metadata a declaration carries, with the id of the deadline it armed, if any. */
    static MetaData declaredWith(String scheduleId) {
        MetaData recordedIds = MetaData.with(RECORDED, "true");
        return scheduleId == null ? recordedIds : recordedIds.and(ID, scheduleId);
    }

    static MetaData armed(String scheduleId) {
        return MetaData.with(ID, scheduleId);
    }

    void declared(MetaData metaData) {
        recorded = "true".equals(String.valueOf(metaData.get(RECORDED)));
        pending.clear();
        armedBy(metaData);
    }

    /** Notes the deadline an event armed, if it armed one. */
    void armedBy(MetaData metaData) {
        Object id = metaData.get(ID);
        if (id != null) {
            pending.add(id.toString());
        }
    }

    /** The timer stopped: whatever was pending was cancelled by the command that stopped it. */
    void stopped() {
        pending.clear();
    }

    /**
     * Cancels every pending acknowledge deadline of the incident whose command is being handled.
     * Cancelling one that is firing at this moment is left to the manager: the firing one finds
     * the incident changed and does nothing (see {@link EscalationDeadlineManager}).
     */
    void cancelAll(DeadlineManager deadlines) {
        if (!recorded) {
            deadlines.cancelAllWithinScope(Incident.ACK_OVERDUE);
            return;
        }
        pending.forEach(id -> deadlines.cancelSchedule(Incident.ACK_OVERDUE, id));
    }
}
