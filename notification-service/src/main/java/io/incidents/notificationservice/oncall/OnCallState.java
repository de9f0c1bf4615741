package io.incidents.notificationservice.oncall;

import io.incidents.events.notification.OnCallSource;
import io.incidents.notificationservice.oncall.OnCallEvent.HandOffNoted;
import io.incidents.notificationservice.oncall.OnCallEvent.OverrideAdded;
import io.incidents.notificationservice.oncall.OnCallEvent.OverrideWithdrawn;
import io.incidents.notificationservice.oncall.OnCallEvent.PersonSaved;
import io.incidents.notificationservice.oncall.OnCallEvent.RotationDefined;
import io.incidents.notificationservice.oncall.OnCallEvent.RotationRetired;
import io.incidents.notificationservice.oncall.OnCallEvent.ScheduleCreated;
import io.incidents.notificationservice.oncall.OnCallEvent.ScheduleRetired;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Every on-call event so far, and what follows from them: a pure function of the events (no
 * clock, no database), so "who held level N at T" is the same live, in a replay and in a test,
 * and, since no change may take effect in the past, the same today as it was at T.
 * <p>
 * At an instant T, for the schedule of the level in force at T (created at or before T, not yet
 * retired): the override covering T that was recorded last; else, among the schedule's
 * rotations, the one of highest rank whose version in force at T (the last recorded with
 * effectiveFrom <= T) has its turn's holder inside an active window; else nobody. Intervals are
 * half-open, [start, end). Built once, never changed afterwards: safe to share between threads.
 */
final class OnCallState {

    /**
     * No segment is longer: a turn is at most 366 days or 52 weeks (plus a DST hour) and an
     * override at most 366 days, so computing this much either side of a range finds the whole
     * of every segment that overlaps it.
     */
    static final Duration LONGEST_SEGMENT = Duration.ofDays(367);

    /** One stored event: its position in the log, when and by whom it was recorded. */
    record Recorded(long seq, Instant recordedAt, String recordedBy, OnCallEvent event) {
    }

    /**
     * What holds the level over a stretch of time: an override, or a rotation's turn (one
     * version's). {@code origin} is the override's or the version's event.
     */
    record Piece(OnCallSource source, String sourceId, long turn, String personId, Recorded origin) {
    }

    /** A stretch [start, end) of the final schedule with one piece and somebody on call. */
    record Segment(Instant start, Instant end, Piece piece) {
        String personId() {
            return piece.personId();
        }
    }

    static final class Schedule {
        private final Recorded created;
        private Recorded retired;
        private final Map<String, List<Recorded>> rotations = new LinkedHashMap<>();
        private final Map<String, Override> overrides = new LinkedHashMap<>();
        private final List<Recorded> handOffs = new ArrayList<>();
        private final List<Recorded> events = new ArrayList<>();
        private final ZoneId zone;

        private Schedule(Recorded created) {
            this.created = created;
            this.zone = ZoneId.of(event().zone());
        }

        ScheduleCreated event() {
            return (ScheduleCreated) created.event();
        }

        String id() {
            return event().scheduleId();
        }

        int level() {
            return event().level();
        }

        ZoneId zone() {
            return zone;
        }

        Recorded created() {
            return created;
        }

        Instant createdAt() {
            return created.recordedAt();
        }

        /** When it stops answering for its level, or null. */
        Instant retiredFrom() {
            return retired == null ? null : ((ScheduleRetired) retired.event()).effectiveFrom();
        }

        boolean inForceAt(Instant at) {
            return !createdAt().isAfter(at) && (retiredFrom() == null || at.isBefore(retiredFrom()));
        }

        /** Rotation ids, in the order they were first defined. */
        Collection<String> rotationIds() {
            return Collections.unmodifiableSet(rotations.keySet());
        }

        /** A rotation's versions and retirements, in the order recorded (empty when unknown). */
        List<Recorded> rotation(String rotationId) {
            return Collections.unmodifiableList(rotations.getOrDefault(rotationId, List.of()));
        }

        Collection<Override> overrides() {
            return Collections.unmodifiableCollection(overrides.values());
        }

        Optional<Override> override(String overrideId) {
            return Optional.ofNullable(overrides.get(overrideId));
        }

        List<Recorded> handOffs() {
            return Collections.unmodifiableList(handOffs);
        }
    }

    static final class Override {
        private final Recorded added;
        private Recorded withdrawn;

        private Override(Recorded added) {
            this.added = added;
        }

        OverrideAdded event() {
            return (OverrideAdded) added.event();
        }

        Recorded added() {
            return added;
        }

        Recorded withdrawn() {
            return withdrawn;
        }

        Instant from() {
            return event().from();
        }

        /** Its end once a withdrawal cut it (never before its start: a withdrawn future override is empty). */
        Instant end() {
            if (withdrawn == null) {
                return event().to();
            }
            Instant cut = ((OverrideWithdrawn) withdrawn.event()).effectiveFrom();
            return cut.isBefore(from()) ? from() : cut.isBefore(event().to()) ? cut : event().to();
        }

        boolean covers(Instant at) {
            return !from().isAfter(at) && at.isBefore(end());
        }
    }

    static final OnCallState EMPTY = new OnCallState(List.of());

    private final List<Recorded> events;
    private final long lastSeq;
    private final Map<String, List<Recorded>> people = new LinkedHashMap<>();
    private final Map<String, Schedule> schedules = new LinkedHashMap<>();
    private final Map<String, Schedule> scheduleOfOverride = new HashMap<>();

    OnCallState(List<Recorded> events) {
        this(events, events.isEmpty() ? 0 : events.get(events.size() - 1).seq());
    }

    private OnCallState(List<Recorded> events, long lastSeq) {
        this.events = List.copyOf(events);
        this.lastSeq = lastSeq;
        this.events.forEach(this::apply);
    }

    /** This state with {@code more} (recorded after every event here) applied. */
    OnCallState plus(List<Recorded> more) {
        return plus(more, more.isEmpty() ? lastSeq : more.get(more.size() - 1).seq());
    }

    /** ... and every position up to {@code seenUpTo} read (a position may hold an event of a type not known here). */
    OnCallState plus(List<Recorded> more, long seenUpTo) {
        List<Recorded> all = new ArrayList<>(events);
        all.addAll(more);
        return new OnCallState(all, Math.max(seenUpTo, lastSeq));
    }

    /** Every event, in the order recorded. */
    List<Recorded> events() {
        return events;
    }

    /** The position of the last event read, 0 when none. */
    long lastSeq() {
        return lastSeq;
    }

    private void apply(Recorded recorded) {
        OnCallEvent event = recorded.event();
        if (event instanceof PersonSaved saved) {
            people.computeIfAbsent(saved.personId(), id -> new ArrayList<>()).add(recorded);
            return;
        }
        if (event instanceof ScheduleCreated created) {
            schedules.putIfAbsent(created.scheduleId(), new Schedule(recorded));
            return;
        }
        Schedule schedule = schedules.get(event.scheduleId());
        if (schedule == null) {
            return; // cannot happen through the rules; a stray event must not stop the rest from loading
        }
        schedule.events.add(recorded);
        if (event instanceof ScheduleRetired && schedule.retired == null) {
            schedule.retired = recorded;
        } else if (event instanceof RotationDefined defined) {
            schedule.rotations.computeIfAbsent(defined.rotationId(), id -> new ArrayList<>()).add(recorded);
        } else if (event instanceof RotationRetired retired) {
            schedule.rotations.computeIfAbsent(retired.rotationId(), id -> new ArrayList<>()).add(recorded);
        } else if (event instanceof OverrideAdded added) {
            schedule.overrides.putIfAbsent(added.overrideId(), new Override(recorded));
            scheduleOfOverride.putIfAbsent(added.overrideId(), schedule);
        } else if (event instanceof OverrideWithdrawn withdrawn) {
            Override override = schedule.overrides.get(withdrawn.overrideId());
            if (override != null && override.withdrawn == null) {
                override.withdrawn = recorded;
            }
        } else if (event instanceof HandOffNoted) {
            schedule.handOffs.add(recorded);
        }
    }

    // ---- people

    boolean knowsPerson(String personId) {
        return people.containsKey(personId);
    }

    /** Everyone, as last saved. */
    List<Person> people() {
        return people.keySet().stream().map(this::latestPerson).toList();
    }

    Person latestPerson(String personId) {
        List<Recorded> saves = people.get(personId);
        return saves == null ? null : person(saves.get(saves.size() - 1));
    }

    /**
     * The person as saved at {@code at} (the last save recorded by then); for a moment before
     * their first save, that first save.
     */
    Person personAt(String personId, Instant at) {
        Recorded save = personRecordAt(personId, at);
        return save == null ? new Person(personId, personId, null, null) : person(save);
    }

    private Recorded personRecordAt(String personId, Instant at) {
        List<Recorded> saves = people.get(personId);
        if (saves == null) {
            return null;
        }
        Recorded found = saves.get(0);
        for (Recorded save : saves) {
            if (!save.recordedAt().isAfter(at)) {
                found = save;
            }
        }
        return found;
    }

    private static Person person(Recorded save) {
        PersonSaved saved = (PersonSaved) save.event();
        return new Person(saved.personId(), saved.name(), saved.email(), saved.chatWebhook());
    }

    // ---- schedules

    Optional<Schedule> schedule(String scheduleId) {
        return Optional.ofNullable(schedules.get(scheduleId));
    }

    Collection<Schedule> schedules() {
        return Collections.unmodifiableCollection(schedules.values());
    }

    /** The schedule answering for {@code level} at {@code at}; the rules allow at most one. */
    Optional<Schedule> scheduleFor(int level, Instant at) {
        return schedules.values().stream().filter(s -> s.level() == level && s.inForceAt(at)).findFirst();
    }

    /** The schedule of {@code level} that has not been retired, or whose retirement is still to come. */
    Optional<Schedule> liveSchedule(int level, Instant now) {
        return schedules.values().stream()
                .filter(s -> s.level() == level && (s.retiredFrom() == null || s.retiredFrom().isAfter(now)))
                .findFirst();
    }

    Optional<Schedule> scheduleOfOverride(String overrideId) {
        return Optional.ofNullable(scheduleOfOverride.get(overrideId));
    }

    static Instant effectiveFrom(Recorded entry) {
        return entry.event() instanceof RotationDefined defined ? defined.effectiveFrom()
                : ((RotationRetired) entry.event()).effectiveFrom();
    }

    /** A rotation's version or retirement in force at {@code at}: the last recorded that took effect by then. */
    static Recorded entryAt(List<Recorded> entries, Instant at) {
        Recorded found = null;
        for (Recorded entry : entries) {
            if (!effectiveFrom(entry).isAfter(at)) {
                found = entry;
            }
        }
        return found;
    }

    /** Who holds {@code level} at {@code at}: empty when no schedule answers for it then. */
    Optional<OnCallHolders> holders(int level, Instant at) {
        return scheduleFor(level, at).map(schedule -> {
            Piece piece = pieceAt(schedule, at);
            if (piece == null) {
                return new OnCallHolders(level, schedule.id(), List.of(), OnCallSource.SCHEDULE);
            }
            return new OnCallHolders(level, schedule.id(), List.of(personAt(piece.personId(), at)), piece.source());
        });
    }

    /** What holds the schedule at {@code at}, or null for nobody (or a schedule not in force then). */
    Piece pieceAt(Schedule schedule, Instant at) {
        if (!schedule.inForceAt(at)) {
            return null;
        }
        Override latest = null;
        for (Override override : schedule.overrides.values()) {
            if (override.covers(at) && (latest == null || override.added.seq() > latest.added.seq())) {
                latest = override;
            }
        }
        if (latest != null) {
            return new Piece(OnCallSource.OVERRIDE, latest.event().overrideId(), 0, latest.event().personId(), latest.added);
        }
        Piece best = null;
        int bestRank = Integer.MIN_VALUE;
        for (Map.Entry<String, List<Recorded>> rotation : schedule.rotations.entrySet()) {
            Recorded entry = entryAt(rotation.getValue(), at);
            if (entry != null && entry.event() instanceof RotationDefined version && version.rank() > bestRank
                    && Turns.active(version, schedule.zone(), at)) {
                long turn = Turns.turnAt(version, schedule.zone(), at);
                best = new Piece(OnCallSource.SCHEDULE, rotation.getKey(), turn, Turns.holderOfTurn(version, turn), entry);
                bestRank = version.rank();
            }
        }
        return best;
    }

    /**
     * The final schedule over [from, to): the stretches with somebody on call, each cut to the
     * range. Evaluated at every instant where anything could change (hand-offs, window edges, DST
     * transitions, version and override edges), so it agrees with {@link #pieceAt} everywhere.
     */
    List<Segment> segments(Schedule schedule, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        List<Instant> points = new ArrayList<>(changePoints(schedule, from, to));
        List<Segment> segments = new ArrayList<>();
        Segment open = null;
        for (int i = 0; i < points.size(); i++) {
            Instant start = points.get(i);
            Instant end = i + 1 < points.size() ? points.get(i + 1) : to;
            Piece piece = pieceAt(schedule, start);
            if (open != null && open.piece().equals(piece)) {
                open = new Segment(open.start(), end, piece);
                continue;
            }
            if (open != null) {
                segments.add(open);
            }
            open = piece == null ? null : new Segment(start, end, piece);
        }
        if (open != null) {
            segments.add(open);
        }
        return segments;
    }

    /**
     * A person's unbroken time on call: contiguous segments of the same person joined (a turn
     * followed by an override of the same person, a one-person rotation's turns), with the source
     * of the first.
     */
    record Stretch(Instant start, Instant end, String personId, OnCallSource source) {
    }

    /** The stretches over [from, to), cut to the range. */
    List<Stretch> stretches(Schedule schedule, Instant from, Instant to) {
        List<Stretch> stretches = new ArrayList<>();
        for (Segment segment : segments(schedule, from, to)) {
            Stretch last = stretches.isEmpty() ? null : stretches.get(stretches.size() - 1);
            if (last != null && last.end().equals(segment.start()) && last.personId().equals(segment.personId())) {
                stretches.set(stretches.size() - 1, new Stretch(last.start(), segment.end(), last.personId(), last.source()));
            } else {
                stretches.add(new Stretch(segment.start(), segment.end(), segment.personId(), segment.piece().source()));
            }
        }
        return stretches;
    }

    /** Every segment that overlaps [from, to), whole (not cut to the range). */
    List<Segment> wholeSegments(Schedule schedule, Instant from, Instant to) {
        return segments(schedule, from.minus(LONGEST_SEGMENT), to.plus(LONGEST_SEGMENT)).stream()
                .filter(segment -> segment.start().isBefore(to) && segment.end().isAfter(from))
                .toList();
    }

    private TreeSet<Instant> changePoints(Schedule schedule, Instant from, Instant to) {
        TreeSet<Instant> points = new TreeSet<>();
        points.add(from);
        ZoneId zone = schedule.zone();
        addWithin(points, schedule.createdAt(), from, to);
        if (schedule.retiredFrom() != null) {
            addWithin(points, schedule.retiredFrom(), from, to);
        }
        for (List<Recorded> entries : schedule.rotations.values()) {
            for (Recorded entry : entries) {
                addWithin(points, effectiveFrom(entry), from, to);
                if (!(entry.event() instanceof RotationDefined version) || !version.effectiveFrom().isBefore(to)) {
                    continue;
                }
                Instant start = version.effectiveFrom().isAfter(from) ? version.effectiveFrom() : from;
                long turn = Turns.turnAt(version, zone, start);
                for (Instant boundary = Turns.boundary(version, zone, turn); boundary.isBefore(to);
                     boundary = Turns.boundary(version, zone, ++turn)) {
                    addWithin(points, boundary, from, to);
                }
                if (!version.activeWindows().isEmpty()) {
                    LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
                    for (LocalDate day = start.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
                        for (OnCallEvent.ActiveWindow window : version.activeWindows()) {
                            for (Instant edge : Turns.instantsOf(day.atTime(window.from()), zone)) {
                                addWithin(points, edge, from, to);
                            }
                            for (Instant edge : Turns.instantsOf(day.atTime(window.to()), zone)) {
                                addWithin(points, edge, from, to);
                            }
                        }
                    }
                }
            }
        }
        // A window edge inside a DST gap or fold changes at the transition itself.
        for (ZoneOffsetTransition t = zone.getRules().nextTransition(from); t != null && t.getInstant().isBefore(to);
             t = zone.getRules().nextTransition(t.getInstant())) {
            points.add(t.getInstant());
        }
        for (Override override : schedule.overrides.values()) {
            addWithin(points, override.from(), from, to);
            addWithin(points, override.end(), from, to);
        }
        return points;
    }

    private static void addWithin(TreeSet<Instant> points, Instant point, Instant from, Instant to) {
        if (!point.isBefore(from) && point.isBefore(to)) {
            points.add(point);
        }
    }

    /**
     * When a segment last changed: the newest recording among the events behind it (the
     * override or rotation version it comes from, the person's save, and any event whose edge
     * is one of its ends). Stable as long as nothing about the segment changes.
     */
    Instant stampOf(Schedule schedule, Segment segment) {
        Instant stamp = segment.piece().origin().recordedAt();
        Recorded save = personRecordAt(segment.personId(), segment.start());
        if (save != null && save.recordedAt().isAfter(stamp)) {
            stamp = save.recordedAt();
        }
        for (Recorded recorded : schedule.events) {
            if (recorded.recordedAt().isAfter(stamp) && touches(recorded.event(), segment)) {
                stamp = recorded.recordedAt();
            }
        }
        return stamp;
    }

    private static boolean touches(OnCallEvent event, Segment segment) {
        List<Instant> edges;
        if (event instanceof OverrideAdded added) {
            edges = List.of(added.from(), added.to());
        } else if (event instanceof OverrideWithdrawn withdrawn) {
            edges = List.of(withdrawn.effectiveFrom());
        } else if (event instanceof RotationDefined defined) {
            edges = List.of(defined.effectiveFrom());
        } else if (event instanceof RotationRetired retired) {
            edges = List.of(retired.effectiveFrom());
        } else if (event instanceof ScheduleRetired retired) {
            edges = List.of(retired.effectiveFrom());
        } else {
            return false;
        }
        return edges.contains(segment.start()) || edges.contains(segment.end());
    }
}
