package io.incidents.timelineservice.dashboard.sla;

import io.incidents.timelineservice.dashboard.Times;
import io.incidents.timelineservice.sla.SlaReport.Adherence;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/** How the SLA page writes its numbers: the same words in cards, charts, tables and the CSV. */
final class Format {

    static final String NONE = "—";
    /** A real minus sign: "−3 min" reads better than "-3 min". */
    private static final String MINUS = "\u2212";

    private Format() {
    }

    /** "91.7 %", or a dash when nothing was judged. */
    static String percent(Double percent) {
        return percent == null ? NONE : String.format(Locale.ROOT, "%.1f %%", percent);
    }

    /** "11 of 12 met", or "none judged yet". */
    static String metOfJudged(Adherence adherence) {
        return adherence.judged() == 0 ? "none judged yet" : adherence.met() + " of " + adherence.judged() + " met";
    }

    /** "75.0 % (3 of 4)": a point's tooltip and its table cell. */
    static String adherence(Adherence adherence) {
        return adherence.judged() == 0 ? "none judged"
                : percent(adherence.percent()) + " (" + adherence.met() + " of " + adherence.judged() + ")";
    }

    /** "4 min", "2 h 5 min", or a dash. */
    static String seconds(Long seconds) {
        return seconds == null ? NONE : Times.duration(Duration.ofSeconds(seconds));
    }

    /** A change in percentage points: "+5.0 pts", "−3.2 pts", "±0 pts"; empty when either side is unknown. */
    static String points(Double now, Double before) {
        if (now == null || before == null) {
            return "";
        }
        double change = BigDecimal.valueOf(now - before).setScale(1, RoundingMode.HALF_UP).doubleValue();
        return change == 0 ? "±0 pts" : sign(change) + String.format(Locale.ROOT, "%.1f pts", Math.abs(change));
    }

    /** A change in duration: "+2 min", "−1 h 5 min", "±0"; empty when either side is unknown. */
    static String secondsChange(Long now, Long before) {
        if (now == null || before == null) {
            return "";
        }
        long change = now - before;
        return change == 0 ? "±0" : sign(change) + Times.duration(Duration.ofSeconds(Math.abs(change)));
    }

    static String countChange(long now, long before) {
        long change = now - before;
        return change == 0 ? "±0" : sign(change) + Math.abs(change);
    }

    /** Whether a change is good news: higher adherence is, a longer time is not. */
    static String trend(Number now, Number before, boolean higherIsBetter) {
        if (now == null || before == null) {
            return "none";
        }
        int compared = Double.compare(round1(now.doubleValue()), round1(before.doubleValue()));
        if (compared == 0) {
            return "same";
        }
        return (compared > 0) == higherIsBetter ? "better" : "worse";
    }

    /** A plain number for an axis: "40", "2.5", "0.25". */
    static String plain(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Whole minutes, as the what-if form shows a target. */
    static String minutes(Duration duration) {
        return String.valueOf(duration.toMinutes());
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String sign(double change) {
        return change > 0 ? "+" : MINUS;
    }
}
