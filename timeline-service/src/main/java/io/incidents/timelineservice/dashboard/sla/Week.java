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

    /** Which of {@code weeks} (from {@link #covering}) holds {@code at}, or -1 if none does. */
    static int indexOf(List<Week> weeks, Instant at) {
        if (weeks.isEmpty() || at.isBefore(weeks.get(0).start()) || !at.isBefore(weeks.get(weeks.size() - 1).end())) {
            return -1;
        }
        Instant firstMonday = weeks.size() > 1 ? weeks.get(1).start().minus(WEEK) : weeks.get(0).start();
        int index = (int) (Duration.between(firstMonday, at).toSeconds() / WEEK.toSeconds());
        return Math.min(index, weeks.size() - 1);
    }

    LocalDate firstDay() {
        return LocalDate.ofInstant(start, ZoneOffset.UTC);
    }
}
