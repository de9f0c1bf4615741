package io.incidents.timelineservice.dashboard;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Times as pages print them ({@code @times} in templates): UTC on the server, which the page's
 * script turns into the viewer's own time zone, keeping UTC in the tooltip.
 */
@Component("times")
public class Times {

    /** "2026-11-26 10:00:00 UTC". */
    public String utc(Instant at) {
        return at == null ? "" : appendUtc(new StringBuilder(23), at).toString();
    }

    /**
     * {@link #utc} written straight into {@code out}: the board writes thousands of times per
     * request, where a formatter took a good part of its time.
     */
    public static StringBuilder appendUtc(StringBuilder out, Instant at) {
        return dateTime(out, at, ' ').append(" UTC");
    }

    /** "2026-11-26T10:00:00Z": to the second, for a {@code datetime} attribute only shown (not used to ask for a moment). */
    public static StringBuilder appendIsoSeconds(StringBuilder out, Instant at) {
        return dateTime(out, at, 'T').append('Z');
    }

    private static StringBuilder dateTime(StringBuilder out, Instant at, char separator) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(at.getEpochSecond(), 0, ZoneOffset.UTC);
        out.append(utc.getYear()).append('-');
        twoDigits(out, utc.getMonthValue()).append('-');
        twoDigits(out, utc.getDayOfMonth()).append(separator);
        twoDigits(out, utc.getHour()).append(':');
        twoDigits(out, utc.getMinute()).append(':');
        return twoDigits(out, utc.getSecond());
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    public String iso(Instant at) {
        return at == null ? "" : at.toString();
    }

    public long epochMillis(Instant at) {
        return at == null ? 0 : at.toEpochMilli();
    }

    /** "4 min", "2 h 5 min", "3 d 4 h": how long, for people. */
    public static String duration(Duration duration) {
        long seconds = Math.abs(duration.getSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        return hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
    }

    /**
     * How much earlier {@code earlier} is ("10 min"), or null when it is not earlier: a detection
     * before the declaration, where the SLA clocks started, is shown with its lead.
     */
    public String lead(Instant earlier, Instant later) {
        return earlier == null || later == null || !earlier.isBefore(later) ? null : duration(Duration.between(earlier, later));
    }

    public String seconds(Long seconds) {
        return seconds == null ? "" : duration(Duration.ofSeconds(seconds));
    }
}
