package io.incidents.timelineservice.dashboard;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times as pages print them ({@code @times} in templates): UTC on the server, which the page's
 * script turns into the viewer's own time zone, keeping UTC in the tooltip.
 */
@Component("times")
public class Times {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public String utc(Instant at) {
        return at == null ? "" : UTC.format(at);
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

    public String seconds(Long seconds) {
        return seconds == null ? "" : duration(Duration.ofSeconds(seconds));
    }
}
