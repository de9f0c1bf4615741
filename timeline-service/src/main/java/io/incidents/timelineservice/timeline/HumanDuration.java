package io.incidents.timelineservice.timeline;

import java.time.Duration;

/** Durations as responders say them: "45 s", "3 m 12 s", "1 h 5 m", "2 d 3 h". */
public final class HumanDuration {

    private HumanDuration() {
    }

    public static String of(Duration duration) {
        if (duration.isNegative()) {
            return "-" + of(duration.negated());
        }
        long seconds = duration.getSeconds();
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + minutes + " m";
        }
        if (minutes > 0) {
            return minutes + " m " + secs + " s";
        }
        return secs + " s";
    }
}
