package io.incidents.notificationservice.oncall;

import io.incidents.events.notification.OnCallSource;
import io.incidents.notificationservice.oncall.OnCallState.Schedule;
import io.incidents.notificationservice.oncall.OnCallState.Segment;
import io.incidents.policy.EscalationPolicy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * A schedule's final segments as an iCalendar feed (RFC 5545) for people's calendars: one
 * VEVENT per segment with UTC start and end (a "Z" time: no time zone for a client to guess),
 * a UID that stays the same for the same segment, and a DTSTAMP from the newest event behind the
 * segment, so the same events always give the same bytes. CRLF line ends, lines folded at 75
 * octets, TEXT values escaped.
 */
final class CalendarFeed {

    static final String MEDIA_TYPE = "text/calendar;charset=UTF-8";

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_OCTETS = 75;

    private CalendarFeed() {
    }

    static String render(OnCallState state, Schedule schedule, List<Segment> segments) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//incidents//notification-service on-call//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-CALNAME:" + text(schedule.event().name() + " (level " + schedule.level() + " on call)"));
        for (Segment segment : segments) {
            Person person = state.personAt(segment.personId(), segment.start());
            boolean override = segment.piece().source() == OnCallSource.OVERRIDE;
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + uid(schedule, segment));
            line(out, "DTSTAMP:" + UTC.format(state.stampOf(schedule, segment).truncatedTo(ChronoUnit.SECONDS)));
            line(out, "DTSTART:" + UTC.format(segment.start().truncatedTo(ChronoUnit.SECONDS)));
            line(out, "DTEND:" + UTC.format(segment.end().truncatedTo(ChronoUnit.SECONDS)));
            line(out, "SUMMARY:" + text("L" + schedule.level() + " on call: " + person.name() + (override ? " (override)" : "")));
            line(out, "DESCRIPTION:" + text(description(schedule, segment)));
            line(out, "TRANSP:TRANSPARENT");
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    private static String description(Schedule schedule, Segment segment) {
        String where = schedule.event().name() + ", level " + schedule.level() + " ("
                + EscalationPolicy.levelName(schedule.level()) + ")";
        if (segment.piece().source() == OnCallSource.OVERRIDE) {
            String reason = ((OnCallEvent.OverrideAdded) segment.piece().origin().event()).reason();
            return where + ". Override" + (reason == null ? "." : ": " + reason);
        }
        return where + ". Rotation " + segment.piece().sourceId() + ".";
    }

    /** The same for the same schedule, source, start and person, however often the feed is read. */
    static String uid(Schedule schedule, Segment segment) {
        String key = String.join("|", schedule.id(), segment.piece().source().name(), segment.piece().sourceId(),
                segment.start().toString(), segment.personId());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16) + "@oncall.incidents";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** RFC 5545 3.3.11: backslash, semicolon, comma and line breaks escaped; other control characters dropped. */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case ';' -> out.append("\\;");
                case ',' -> out.append("\\,");
                case '\n' -> out.append("\\n");
                case '\r' -> {
                    out.append("\\n");
                    if (i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                default -> {
                    if (!Character.isISOControl(c)) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * RFC 5545 3.1: a content line longer than 75 octets continues on lines that start with a
     * space; never inside a character's UTF-8 bytes.
     */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        int limit = MAX_OCTETS;
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 0;
                limit = MAX_OCTETS - 1;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append("\r\n");
    }
}
