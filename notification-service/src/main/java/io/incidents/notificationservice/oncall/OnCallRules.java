package io.incidents.notificationservice.oncall;

import io.incidents.policy.EscalationPolicy;
import io.incidents.notificationservice.oncall.OnCallEvent.ActiveWindow;
import io.incidents.notificationservice.oncall.OnCallEvent.Cadence;
import io.incidents.notificationservice.oncall.OnCallEvent.HandOffNoted;
import io.incidents.notificationservice.oncall.OnCallEvent.OverrideAdded;
import io.incidents.notificationservice.oncall.OnCallEvent.OverrideWithdrawn;
import io.incidents.notificationservice.oncall.OnCallEvent.PersonSaved;
import io.incidents.notificationservice.oncall.OnCallEvent.RotationDefined;
import io.incidents.notificationservice.oncall.OnCallEvent.RotationRetired;
import io.incidents.notificationservice.oncall.OnCallEvent.ScheduleCreated;
import io.incidents.notificationservice.oncall.OnCallEvent.ScheduleRetired;
import io.incidents.notificationservice.oncall.OnCallState.Override;
import io.incidents.notificationservice.oncall.OnCallState.Recorded;
import io.incidents.notificationservice.oncall.OnCallState.Schedule;
import io.incidents.notificationservice.oncall.OnCallState.Stretch;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The on-call commands: each checks its input and the state, and answers the event to record
 * (null when the change has already happened: repeating it is a no-op) or refuses with an
 * {@link OnCallException}. Pure: the state and the moment of the request ({@code now}) decide.
 * <p>
 * History is never rewritten: a change that would take effect before {@code now} is refused
 * (409), except an override starting in the past, which starts now instead (the answer says so).
 */
final class OnCallRules {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final int MAX_NAME = 100;
    static final int MAX_NOTE = 4000;
    static final int MAX_REASON = 500;
    static final int MAX_EMAIL = 254;
    static final int MAX_URL = 2000;
    static final int MAX_PARTICIPANTS = 50;
    static final int MAX_WINDOWS = 14;
    static final int MAX_RANK = 99;
    static final int MAX_DAYS = 366;
    static final int MAX_WEEKS = 52;
    static final Duration LONGEST_OVERRIDE = Duration.ofDays(366);
    /** Instants a request may name: wide enough for any schedule, narrow enough for date arithmetic. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final LocalTime DST_RISK_FROM = LocalTime.of(1, 0);
    private static final LocalTime DST_RISK_TO = LocalTime.of(4, 0);

    private OnCallRules() {
    }

    // ---- people

    static PersonSaved savePerson(OnCallState state, String personId, String name, String email, String chatWebhook) {
        id("personId", personId);
        String cleanName = text("name", name, MAX_NAME, true, false);
        String cleanEmail = blankToNull(email);
        if (cleanEmail != null && (cleanEmail.length() > MAX_EMAIL || !EMAIL.matcher(cleanEmail).matches())) {
            throw OnCallException.invalid("email", "must be an email address (at most " + MAX_EMAIL + " characters)");
        }
        String cleanWebhook = blankToNull(chatWebhook);
        if (cleanWebhook != null && !isHttpUrl(cleanWebhook)) {
            throw OnCallException.invalid("chatWebhook", "must be an http or https URL (at most " + MAX_URL + " characters)");
        }
        PersonSaved saved = new PersonSaved(personId, cleanName, cleanEmail, cleanWebhook);
        Person current = state.latestPerson(personId);
        if (current != null && new Person(personId, cleanName, cleanEmail, cleanWebhook).equals(current)) {
            return null;
        }
        return saved;
    }

    private static boolean isHttpUrl(String text) {
        if (text.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    // ---- schedules

    static ScheduleCreated createSchedule(OnCallState state, Instant now, String scheduleId, Integer level, String name,
                                          String zone, String calendarToken) {
        if (level == null || level < 1 || level > EscalationPolicy.MAX_LEVEL) {
            throw OnCallException.invalid("level", "must be an escalation level, 1 to " + EscalationPolicy.MAX_LEVEL);
        }
        String cleanName = text("name", name, MAX_NAME, true, false);
        zone(zone);
        state.liveSchedule(level, now).ifPresent(live -> {
            throw new OnCallException(OnCallError.LEVEL_HAS_SCHEDULE, "Level " + level + " already has the schedule "
                    + live.id() + " (" + live.event().name() + "); retire it first.");
        });
        return new ScheduleCreated(scheduleId, level, cleanName, zone, calendarToken);
    }

    /** A valid IANA region id (e.g. Europe/Berlin); offsets such as +01:00 have no DST rules to follow and are refused. */
    static ZoneId zone(String zone) {
        if (zone == null || !ZoneId.getAvailableZoneIds().contains(zone)) {
            throw OnCallException.invalid("zone", "must be an IANA time zone id such as Europe/Berlin");
        }
        return ZoneId.of(zone);
    }

    static ScheduleRetired retireSchedule(OnCallState state, Instant now, String scheduleId, Instant effectiveFrom) {
        Schedule schedule = schedule(state, scheduleId);
        if (schedule.retiredFrom() != null) {
            return null;
        }
        Instant from = effectiveFrom == null ? now : notPast("effectiveFrom", within("effectiveFrom", effectiveFrom), now);
        return new ScheduleRetired(scheduleId, from);
    }

    // ---- rotations

    /**
     * A rotation as a request gives it. {@code startIndex} null: the order continues from the
     * version in force at {@code effectiveFrom} (whoever it had then keeps that turn, if still
     * listed; else the next listed person in the old order), or starts at the first participant.
     * {@code effectiveFrom} null: now, or for a first version the first hand-off when that is later.
     */
    record RotationRequest(List<String> participants, LocalDateTime firstHandOff, Cadence cadence, Integer length,
                           Integer rank, Integer startIndex, List<ActiveWindow> activeWindows, Instant effectiveFrom) {
    }

    record RotationOutcome(RotationDefined event, List<String> warnings) {
    }

    static RotationOutcome defineRotation(OnCallState state, Instant now, String scheduleId, String rotationId,
                                          RotationRequest request) {
        Schedule schedule = changeable(state, now, scheduleId);
        id("rotationId", rotationId);
        ZoneId zone = schedule.zone();
        List<String> participants = participants(state, request.participants());
        if (request.firstHandOff() == null) {
            throw OnCallException.invalid("firstHandOff", "is required: the local date and time of a hand-off, e.g. 2026-03-02T09:00");
        }
        if (request.firstHandOff().getYear() < 2000 || request.firstHandOff().getYear() >= 2200) {
            throw OnCallException.invalid("firstHandOff", "must be between the years 2000 and 2199");
        }
        if (request.cadence() == null) {
            throw OnCallException.invalid("cadence", "is required: DAYS or WEEKS");
        }
        int maxLength = request.cadence() == Cadence.WEEKS ? MAX_WEEKS : MAX_DAYS;
        if (request.length() == null || request.length() < 1 || request.length() > maxLength) {
            throw OnCallException.invalid("length", "must be 1 to " + maxLength + " (" + request.cadence() + " per turn)");
        }
        int rank = request.rank() == null ? 0 : request.rank();
        if (rank < 0 || rank > MAX_RANK) {
            throw OnCallException.invalid("rank", "must be 0 to " + MAX_RANK);
        }
        if (request.startIndex() != null && (request.startIndex() < 0 || request.startIndex() >= participants.size())) {
            throw OnCallException.invalid("startIndex", "must be 0 to " + (participants.size() - 1) + " (a participant's position)");
        }
        List<ActiveWindow> windows = windows(request.activeWindows());

        List<Recorded> entries = schedule.rotation(rotationId);
        Recorded firstVersion = entries.stream().filter(e -> e.event() instanceof RotationDefined).findFirst().orElse(null);
        Instant effectiveFrom;
        if (request.effectiveFrom() != null) {
            effectiveFrom = notPast("effectiveFrom", within("effectiveFrom", request.effectiveFrom()), now);
        } else {
            Instant firstHandOff = ZonedDateTime.of(request.firstHandOff(), zone).toInstant();
            effectiveFrom = firstVersion == null && firstHandOff.isAfter(now) ? firstHandOff : now;
        }
        int version = (int) entries.stream().filter(e -> e.event() instanceof RotationDefined).count() + 1;
        RotationDefined draft = new RotationDefined(scheduleId, rotationId, version, effectiveFrom, rank, participants,
                request.firstHandOff(), request.cadence(), request.length(), 0, windows);
        int startIndex = request.startIndex() != null ? request.startIndex()
                : continuedStartIndex(OnCallState.entryAt(entries, effectiveFrom), draft, zone);
        RotationDefined event = new RotationDefined(scheduleId, rotationId, version, effectiveFrom, rank, participants,
                request.firstHandOff(), request.cadence(), request.length(), startIndex, windows);
        rankFree(schedule, rotationId, rank, effectiveFrom);
        return new RotationOutcome(event, dstWarnings(request.firstHandOff().toLocalTime(), zone, now));
    }

    /**
     * The start index that keeps the order going across a redefinition: the person the old
     * version had at the new one's start keeps that turn when still listed, else the next person
     * of the old order who is; nobody of the old order listed: the first participant.
     */
    private static int continuedStartIndex(Recorded inForce, RotationDefined next, ZoneId zone) {
        if (inForce == null || !(inForce.event() instanceof RotationDefined old)) {
            return 0;
        }
        long oldTurn = Turns.turnAt(old, zone, next.effectiveFrom());
        int target = -1;
        for (int step = 0; step < old.participants().size() && target < 0; step++) {
            target = next.participants().indexOf(Turns.holderOfTurn(old, oldTurn + step));
        }
        if (target < 0) {
            return 0;
        }
        long newTurn = Turns.turnAt(next, zone, next.effectiveFrom());
        return (int) Math.floorMod(target - newTurn, (long) next.participants().size());
    }

    /** Refuses a rank that another rotation of the schedule holds at or after {@code from}. */
    private static void rankFree(Schedule schedule, String rotationId, int rank, Instant from) {
        for (String other : schedule.rotationIds()) {
            if (other.equals(rotationId)) {
                continue;
            }
            List<Recorded> entries = schedule.rotation(other);
            Recorded inForce = OnCallState.entryAt(entries, from);
            for (Recorded entry : entries) {
                boolean live = entry == inForce || OnCallState.effectiveFrom(entry).isAfter(from);
                if (live && entry.event() instanceof RotationDefined version && version.rank() == rank) {
                    throw new OnCallException(OnCallError.RANK_TAKEN, "rank", "The rotation " + other
                            + " already has rank " + rank + " from " + version.effectiveFrom()
                            + ": give this rotation another rank (the higher rank wins where they overlap).");
                }
            }
        }
    }

    private static List<String> participants(OnCallState state, List<String> participants) {
        if (participants == null || participants.isEmpty() || participants.size() > MAX_PARTICIPANTS) {
            throw OnCallException.invalid("participants", "must name 1 to " + MAX_PARTICIPANTS + " people, in turn order");
        }
        for (int i = 0; i < participants.size(); i++) {
            String personId = participants.get(i);
            if (personId == null || !state.knowsPerson(personId)) {
                throw OnCallException.invalid("participants[" + i + "]", "names no known person ('" + cut(personId)
                        + "'): save them first with PUT /api/v1/oncall/people/{personId}");
            }
        }
        return List.copyOf(participants);
    }

    private static List<ActiveWindow> windows(List<ActiveWindow> windows) {
        if (windows == null) {
            return List.of();
        }
        if (windows.size() > MAX_WINDOWS) {
            throw OnCallException.invalid("activeWindows", "at most " + MAX_WINDOWS + " windows");
        }
        for (int i = 0; i < windows.size(); i++) {
            ActiveWindow window = windows.get(i);
            String field = "activeWindows[" + i + "]";
            if (window == null || window.from() == null || window.to() == null) {
                throw OnCallException.invalid(field, "needs from and to (local times, e.g. 09:00 and 18:00)");
            }
            if (window.days().isEmpty() || new HashSet<>(window.days()).size() != window.days().size()) {
                throw OnCallException.invalid(field + ".days", "must list the days it starts on, each once (MONDAY .. SUNDAY)");
            }
        }
        return List.copyOf(windows);
    }

    /**
     * Hand-offs in the small hours of a zone with DST can fall in a skipped or repeated hour:
     * resolved by RFC 5545 section 3.3.5 (moved past the gap; the first of the two), but calendar
     * clients differ there (section 3.3.10 drops such instances), so the answer says so.
     */
    static List<String> dstWarnings(LocalTime handOff, ZoneId zone, Instant now) {
        ZoneOffsetTransition next = zone.getRules().nextTransition(now);
        boolean observesDst = next != null && next.getInstant().isBefore(now.plus(Duration.ofDays(366)));
        if (!observesDst || handOff.isBefore(DST_RISK_FROM) || !handOff.isBefore(DST_RISK_TO)) {
            return List.of();
        }
        return List.of("The hand-off at " + handOff + " is in the hours when " + zone + " changes its clocks: on a day"
                + " that skips it the hand-off comes right after the gap (a skipped 02:30 becomes 03:30), on a day that"
                + " repeats it the first one counts. Calendar applications may show such a day differently;"
                + " a hand-off outside 01:00-04:00 avoids this.");
    }

    static RotationRetired retireRotation(OnCallState state, Instant now, String scheduleId, String rotationId,
                                          Instant effectiveFrom) {
        Schedule schedule = changeable(state, now, scheduleId);
        List<Recorded> entries = schedule.rotation(rotationId);
        if (entries.isEmpty()) {
            throw new OnCallException(OnCallError.UNKNOWN_ROTATION, "No rotation " + rotationId + " in schedule " + scheduleId + ".");
        }
        if (entries.get(entries.size() - 1).event() instanceof RotationRetired) {
            return null;
        }
        Instant from = effectiveFrom == null ? now : notPast("effectiveFrom", within("effectiveFrom", effectiveFrom), now);
        return new RotationRetired(scheduleId, rotationId, from);
    }

    // ---- overrides

    record OverrideOutcome(OverrideAdded event, boolean startMovedToNow) {
    }

    static OverrideOutcome addOverride(OnCallState state, Instant now, String scheduleId, String overrideId, Instant from,
                                       Instant to, String personId, String reason) {
        changeable(state, now, scheduleId);
        if (from == null || to == null) {
            throw OnCallException.invalid(from == null ? "from" : "to", "is required (an instant, e.g. 2026-03-08T17:00:00Z)");
        }
        within("from", from);
        within("to", to);
        if (!to.isAfter(from)) {
            throw OnCallException.invalid("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(LONGEST_OVERRIDE) > 0) {
            throw OnCallException.invalid("to", "an override lasts at most " + LONGEST_OVERRIDE.toDays() + " days");
        }
        if (personId == null || !state.knowsPerson(personId)) {
            throw OnCallException.invalid("personId", "names no known person ('" + cut(personId) + "')");
        }
        String cleanReason = text("reason", reason, MAX_REASON, false, true);
        if (!to.isAfter(now)) {
            throw new OnCallException(OnCallError.PAST_DATED, "to", "The override would be over already (to " + to
                    + " is not after now, " + now + "): the past cannot be changed.");
        }
        boolean moved = from.isBefore(now);
        return new OverrideOutcome(new OverrideAdded(scheduleId, overrideId, moved ? now : from, to, personId, cleanReason), moved);
    }

    static OverrideWithdrawn withdrawOverride(OnCallState state, Instant now, String scheduleId, String overrideId) {
        Schedule schedule = schedule(state, scheduleId);
        Override override = schedule.override(overrideId).orElseThrow(() -> new OnCallException(OnCallError.UNKNOWN_OVERRIDE,
                "No override " + overrideId + " in schedule " + scheduleId + "."));
        if (override.withdrawn() != null) {
            return null;
        }
        if (!override.end().isAfter(now)) {
            throw new OnCallException(OnCallError.OVERRIDE_OVER, "The override ended at " + override.end()
                    + ": there is nothing left to withdraw, and the past cannot be changed.");
        }
        return new OverrideWithdrawn(scheduleId, overrideId, now);
    }

    // ---- hand-offs

    /**
     * The outgoing person's note. Without {@code personId}: whoever holds the level now, or if
     * nobody does, whoever held it last (within the year). The shift is that person's stretch
     * (a turn, an override, or several of theirs in a row) running now or ended last.
     */
    static HandOffNoted noteHandOff(OnCallState state, Instant now, String scheduleId, String personId, String note) {
        Schedule schedule = schedule(state, scheduleId);
        String cleanNote = text("note", note, MAX_NOTE, true, true);
        if (personId != null && !state.knowsPerson(personId)) {
            throw OnCallException.invalid("personId", "names no known person ('" + cut(personId) + "')");
        }
        Stretch shift = null;
        for (Stretch stretch : state.stretches(schedule, now.minus(OnCallState.LONGEST_SEGMENT), now.plusMillis(1))) {
            if (personId == null || stretch.personId().equals(personId)) {
                shift = stretch;
            }
        }
        if (shift == null) {
            throw new OnCallException(OnCallError.NO_OUTGOING_PERSON, "personId", personId == null
                    ? "Nobody has held level " + schedule.level() + " on this schedule in the last year: name the person."
                    : personId + " has not been on call on this schedule in the last year.");
        }
        return new HandOffNoted(scheduleId, shift.start(), shift.personId(), cleanNote, now);
    }

    // ---- shared checks

    static Schedule schedule(OnCallState state, String scheduleId) {
        return state.schedule(scheduleId).orElseThrow(() -> new OnCallException(OnCallError.UNKNOWN_SCHEDULE,
                "No on-call schedule " + cut(scheduleId) + "."));
    }

    /** A schedule that may still change: known, and not retired by now. */
    private static Schedule changeable(OnCallState state, Instant now, String scheduleId) {
        Schedule schedule = schedule(state, scheduleId);
        if (schedule.retiredFrom() != null && !schedule.retiredFrom().isAfter(now)) {
            throw new OnCallException(OnCallError.SCHEDULE_RETIRED, "The schedule " + scheduleId + " was retired at "
                    + schedule.retiredFrom() + ".");
        }
        return schedule;
    }

    private static Instant notPast(String field, Instant instant, Instant now) {
        if (instant.isBefore(now)) {
            throw new OnCallException(OnCallError.PAST_DATED, field, field + " " + instant + " is before now (" + now
                    + "): changes take effect now or later, the past cannot be changed.");
        }
        return instant;
    }

    static Instant within(String field, Instant instant) {
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw OnCallException.invalid(field, "must be between " + EARLIEST + " and " + LATEST);
        }
        return instant;
    }

    private static void id(String field, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw OnCallException.invalid(field, "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /** Trimmed text of at most {@code max} characters; line breaks only where {@code multiline}. */
    private static String text(String field, String text, int max, boolean required, boolean multiline) {
        String clean = text == null ? null : text.strip();
        if (clean == null || clean.isEmpty()) {
            if (required) {
                throw OnCallException.invalid(field, "is required");
            }
            return null;
        }
        if (clean.length() > max) {
            throw OnCallException.invalid(field, "must be at most " + max + " characters");
        }
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r' || c == '\t';
            if (Character.isISOControl(c) && !(multiline && lineBreak)) {
                throw OnCallException.invalid(field, multiline ? "must not contain control characters"
                        : "must be a single line without control characters");
            }
        }
        return clean;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String cut(String text) {
        return Objects.toString(text, "").length() > 64 ? text.substring(0, 64) + "…" : Objects.toString(text, "");
    }
}
