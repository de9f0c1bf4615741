package io.incidents.timelineservice.dashboard.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The audit logs of the three services as one list, newest first. Each service answers its own
 * newest {@code limit} entries, so the newest {@code limit} of all are among them; a service that
 * could not answer is named, and the others are still shown.
 */
final class AuditMerge {

    /** One entry, with the service that recorded it. */
    record Row(String service, long id, Instant at, String actor, String action, String target, String detail,
               String address) {
    }

    /** What one service answered: its entries, or why there are none (then {@code entries} is empty). */
    record Source(String service, List<Row> entries, String unavailable) {

        static Source answered(String service, List<Row> entries) {
            return new Source(service, entries, null);
        }

        static Source failed(String service, String why) {
            return new Source(service, List.of(), why);
        }
    }

    /**
     * @param more some service had at least {@code limit} entries, or the merge had more: older entries exist
     */
    record Result(List<Row> rows, List<Source> unavailable, boolean more) {
    }

    private static final Comparator<Row> NEWEST_FIRST = Comparator.comparing(Row::at, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Row::service)
            .thenComparing(Comparator.comparingLong(Row::id).reversed());

    private AuditMerge() {
    }

    static Result merge(List<Source> sources, int limit) {
        List<Row> all = new ArrayList<>();
        boolean more = false;
        for (Source source : sources) {
            all.addAll(source.entries());
            more |= source.entries().size() >= limit;
        }
        all.sort(NEWEST_FIRST);
        more |= all.size() > limit;
        List<Source> unavailable = sources.stream().filter(source -> source.unavailable() != null).toList();
        return new Result(List.copyOf(all.subList(0, Math.min(limit, all.size()))), unavailable, more);
    }
}
