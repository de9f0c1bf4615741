package io.incidents.timelineservice.dashboard.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * One week of a period: Monday 00:00 to Monday 00:00 UTC, cut to the period at either end, so
 * the first and last week of a period can be shorter than seven days.
 */
record Week(Instant start, Instant end) {

    private static final Duration WEEK = Duration.ofDays(7);

    /** The weeks covering [from, to), in order. */
    static List<Week> covering(Instant from, Instant to) {
        List<Week> weeks = new ArrayList<>();
        Instant monday = LocalDate.ofInstant(from, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .atStartOfDay(ZoneOffset.UTC).toInstant();
        for (Instant start = monday; start.isBefore(to); start = start.plus(WEEK)) {
            Instant end = start.plus(WEEK);
            weeks.add(new Week(start.isBefore(from) ? from : start, end.isAfter(to) ? to : end));
        }
        return weeks;
    }

    LocalDate firstDay() {
        return LocalDate.ofInstant(start, ZoneOffset.UTC);
    }
}
