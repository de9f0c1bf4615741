package io.incidents.notificationservice.statuspage;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the status page says, in every format: open public incidents and those resolved in the
 * last 90 days, each with its updates newest first. Pure, so the rules are tested without a database.
 *
 * @param current open incidents grouped by phase (Investigating, Identified, Monitoring), then most
 *                severe first, then most recently declared first
 * @param history resolved incidents, most recently resolved first
 */
record StatusPage(List<PublicIncident> current, List<PublicIncident> history) {

    static final Comparator<PublicUpdate> NEWEST_FIRST = Comparator.comparing(PublicUpdate::postedAt)
            .thenComparingLong(PublicUpdate::id).reversed();

    private static final Comparator<PublicIncident> CURRENT_ORDER = Comparator.comparing(PublicIncident::phase)
            .thenComparing(PublicIncident::severity)
            .thenComparing(PublicIncident::declaredAt, Comparator.reverseOrder())
            .thenComparing(PublicIncident::incidentId);

    private static final Comparator<PublicIncident> HISTORY_ORDER = Comparator
            .comparing(PublicIncident::resolvedAt, Comparator.reverseOrder())
            .thenComparing(PublicIncident::incidentId);

    StatusPage {
        current = List.copyOf(current);
        history = List.copyOf(history);
    }

    /**
     * @param incidents incidents without updates, possibly including ones the public may not see
     * @param updates   posts of any of those incidents, in any order; posts of unknown incidents are ignored
     *                  (the two lists may be read a moment apart). An incident appears with its first post
     *                  (a responder published it, SPEC 6) and stays, whatever its severity later
     */
    static StatusPage assemble(List<PublicIncident> incidents, List<PublicUpdate> updates, Instant now) {
        Instant historySince = StatusPagePolicy.historySince(now);
        Map<String, List<PublicUpdate>> updatesByIncident = updates.stream()
                .sorted(NEWEST_FIRST)
                .collect(Collectors.groupingBy(PublicUpdate::incidentId));
        List<PublicIncident> visible = incidents.stream()
                .filter(incident -> updatesByIncident.containsKey(incident.incidentId()))
                .filter(incident -> !incident.resolved() || !incident.resolvedAt().isBefore(historySince))
                .map(incident -> incident.withUpdates(updatesByIncident.getOrDefault(incident.incidentId(), List.of())))
                .toList();
        return new StatusPage(
                visible.stream().filter(incident -> !incident.resolved()).sorted(CURRENT_ORDER).toList(),
                visible.stream().filter(PublicIncident::resolved).sorted(HISTORY_ORDER).toList());
    }

    /** Degraded while any public incident is open. */
    boolean operational() {
        return current.isEmpty();
    }

    /** Open incidents of one phase, in page order. */
    List<PublicIncident> currentIn(Phase phase) {
        return current.stream().filter(incident -> incident.phase() == phase).toList();
    }
}
