package io.incidents.timelineservice.api;

import io.incidents.timelineservice.ledger.SlaReportQueries.BreachCursor;
import io.incidents.timelineservice.sla.SlaReport.Breach;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** The {@code after} of a page of breaches: opaque to clients, the last breach's place in the order. */
final class BreachCursors {

    private BreachCursors() {
    }

    static String write(BreachCursor cursor) {
        if (cursor == null) {
            return null;
        }
        String place = cursor.declaredAt() + "\n" + cursor.clock() + "\n" + cursor.incidentId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(place.getBytes(StandardCharsets.UTF_8));
    }

    static BreachCursor read(String after) {
        if (after == null || after.isEmpty()) {
            return null;
        }
        try {
            String[] place = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8).split("\n", 3);
            if (place.length == 3 && (place[1].equals(Breach.ACKNOWLEDGE) || place[1].equals(Breach.RESOLVE))) {
                return new BreachCursor(Instant.parse(place[0]), place[2], place[1]);
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // answered below
        }
        throw new BadQueryException("after must be the next of an earlier page, as it was given.");
    }
}
