package io.incidents.notificationservice.oncall;

import io.incidents.events.notification.OnCallSource;
import io.incidents.notificationservice.oncall.OnCallEvent.ActiveWindow;
import io.incidents.notificationservice.oncall.OnCallEvent.Cadence;
import io.incidents.notificationservice.oncall.OnCallEvent.HandOffNoted;
import io.incidents.notificationservice.oncall.OnCallEvent.OverrideAdded;
import io.incidents.notificationservice.oncall.OnCallEvent.OverrideWithdrawn;
import io.incidents.notificationservice.oncall.OnCallEvent.RotationDefined;
import io.incidents.notificationservice.oncall.OnCallEvent.RotationRetired;
import io.incidents.notificationservice.oncall.OnCallEvent.ScheduleCreated;
import io.incidents.notificationservice.oncall.OnCallEvent.ScheduleRetired;
import io.incidents.notificationservice.oncall.OnCallRules.OverrideOutcome;
import io.incidents.notificationservice.oncall.OnCallRules.RotationOutcome;
import io.incidents.notificationservice.oncall.OnCallRules.RotationRequest;
import io.incidents.notificationservice.oncall.OnCallState.Override;
import io.incidents.notificationservice.oncall.OnCallState.Recorded;
import io.incidents.notificationservice.oncall.OnCallState.Schedule;
import io.incidents.notificationservice.oncall.OnCallState.Segment;
import io.incidents.notificationservice.oncall.OnCallState.Stretch;
import io.incidents.policy.EscalationPolicy;
import io.incidents.support.audit.AuditLog;
import io.incidents.support.security.AccessRules;
import io.incidents.support.security.Caller;
import io.incidents.support.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * On-call schedules over HTTP (README "On-call schedules"): people, schedules per escalation
 * level, rotations, overrides, hand-off notes, who is on call, and each schedule's calendar feed.
 * Reads need VIEWER, changes RESPONDER (audited; the caller is recorded with the event); the
 * calendar feed is open to whoever has its token.
 */
@RestController
@RequestMapping("/api/v1/oncall")
class OnCallController {

    static final String CALENDAR_PATH = "/api/v1/oncall/schedules/*/calendar.ics";
    private static final Duration FEED_PAST = Duration.ofDays(15);
    private static final Duration FEED_FUTURE = Duration.ofDays(180);
    private static final Duration LONGEST_RANGE = Duration.ofDays(400);
    private static final Duration RECENT_OVERRIDES = Duration.ofDays(15);
    private static final int RECENT_HAND_OFFS = 20;
    private static final Pattern URL_PATH = Pattern.compile("(https?://[^/?#\\s]+)[/?#].*", Pattern.CASE_INSENSITIVE);

    private final OnCall onCall;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    OnCallController(OnCall onCall, AuditLog audit) {
        this.onCall = onCall;
        this.audit = audit;
    }

    // ---- people

    record PersonBody(String name, String email, String chatWebhook) {
    }

    /** A person as shown: addresses redacted (a chat webhook URL is a credential; emails are not for harvesting). */
    record PersonView(String personId, String name, String email, String chatWebhook) {
        static PersonView of(Person person) {
            return new PersonView(person.personId(), person.name(), redactEmail(person.email()), redactUrl(person.chatWebhook()));
        }
    }

    @Operation(summary = "Save a person schedules can name, with their email and chat webhook (replaces the earlier save from now on)")
    @PutMapping("/people/{personId}")
    PersonView savePerson(@PathVariable String personId, @RequestBody(required = false) PersonBody body) {
        PersonBody given = body == null ? new PersonBody(null, null, null) : body;
        OnCallEvent saved = onCall.change(Caller.name(), (state, now) -> {
            OnCallEvent event = OnCallRules.savePerson(state, personId, given.name(), given.email(), given.chatWebhook());
            return new OnCall.Change<>(event, event);
        });
        if (saved != null) {
            audit.recordRequest("ONCALL_PERSON_SAVED", "person " + personId, null);
        }
        return PersonView.of(onCall.current().latestPerson(personId));
    }

    @Operation(summary = "Everyone schedules can name (addresses redacted)")
    @GetMapping("/people")
    Map<String, List<PersonView>> people() {
        return Map.of("items", onCall.current().people().stream().map(PersonView::of).toList());
    }

    // ---- schedules

    record ScheduleBody(Integer level, String name, String zone) {
    }

    record ScheduleSummary(String scheduleId, int level, String levelName, String name, String zone, Instant createdAt,
                           String createdBy, Instant retiredFrom, boolean inForce) {
        static ScheduleSummary of(Schedule schedule, Instant now) {
            return new ScheduleSummary(schedule.id(), schedule.level(), EscalationPolicy.levelName(schedule.level()),
                    schedule.event().name(), schedule.event().zone(), schedule.createdAt(), schedule.created().recordedBy(),
                    schedule.retiredFrom(), schedule.inForceAt(now));
        }
    }

    @Operation(summary = "Create the on-call schedule of an escalation level (one per level at a time)")
    @PostMapping("/schedules")
    ResponseEntity<ScheduleDetail> createSchedule(@RequestBody(required = false) ScheduleBody body) {
        ScheduleBody given = body == null ? new ScheduleBody(null, null, null) : body;
        String scheduleId = UUID.randomUUID().toString();
        String token = newToken();
        onCall.change(Caller.name(), (state, now) -> new OnCall.Change<>(
                OnCallRules.createSchedule(state, now, scheduleId, given.level(), given.name(), given.zone(), token), null));
        audit.recordRequest("ONCALL_SCHEDULE_CREATED", "schedule " + scheduleId, "level " + given.level());
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1/oncall/schedules/{id}")
                .buildAndExpand(scheduleId).toUri();
        return ResponseEntity.created(location).body(detail(onCall.current(), scheduleId));
    }

    @Operation(summary = "Every schedule, retired ones included")
    @GetMapping("/schedules")
    Map<String, List<ScheduleSummary>> schedules() {
        Instant now = onCall.now();
        return Map.of("items", onCall.current().schedules().stream().map(s -> ScheduleSummary.of(s, now)).toList());
    }

    record VersionView(int version, Instant effectiveFrom, int rank, List<PersonRef> participants, LocalDateTime firstHandOff,
                       Cadence cadence, int length, int startIndex, List<ActiveWindow> activeWindows, Instant recordedAt,
                       String recordedBy) {
    }

    record RotationView(String rotationId, List<VersionView> versions, List<Instant> retirements) {
    }

    record PersonRef(String personId, String name) {
    }

    record OverrideView(String overrideId, Instant from, Instant to, Instant end, PersonRef person, String reason,
                        Instant recordedAt, String recordedBy, Instant withdrawnAt, String withdrawnBy) {
    }

    record HandOffView(PersonRef person, Instant shiftStart, String note, Instant at, String recordedBy) {
    }

    record ScheduleDetail(String scheduleId, int level, String levelName, String name, String zone, Instant createdAt,
                          String createdBy, Instant retiredFrom, String calendarUrl, List<RotationView> rotations,
                          List<OverrideView> overrides, List<HandOffView> handOffs) {
    }

    @Operation(summary = "A schedule: its rotations (every version), recent and coming overrides, recent hand-off notes, its calendar URL")
    @GetMapping("/schedules/{scheduleId}")
    ScheduleDetail schedule(@PathVariable String scheduleId) {
        return detail(onCall.current(), scheduleId);
    }

    private ScheduleDetail detail(OnCallState state, String scheduleId) {
        Schedule schedule = OnCallRules.schedule(state, scheduleId);
        Instant now = onCall.now();
        List<RotationView> rotations = new ArrayList<>();
        for (String rotationId : schedule.rotationIds()) {
            List<VersionView> versions = new ArrayList<>();
            List<Instant> retirements = new ArrayList<>();
            for (Recorded entry : schedule.rotation(rotationId)) {
                if (entry.event() instanceof RotationDefined v) {
                    versions.add(new VersionView(v.version(), v.effectiveFrom(), v.rank(),
                            v.participants().stream().map(id -> ref(state, id, now)).toList(), v.firstHandOff(), v.cadence(),
                            v.length(), v.startIndex(), v.activeWindows(), entry.recordedAt(), entry.recordedBy()));
                } else {
                    retirements.add(((RotationRetired) entry.event()).effectiveFrom());
                }
            }
            rotations.add(new RotationView(rotationId, versions, retirements));
        }
        List<OverrideView> overrides = schedule.overrides().stream()
                .filter(o -> o.end().isAfter(now.minus(RECENT_OVERRIDES)))
                .sorted(Comparator.comparing(Override::from))
                .map(o -> overrideView(state, o, now)).toList();
        List<Recorded> notes = schedule.handOffs();
        List<HandOffView> handOffs = new ArrayList<>();
        for (int i = notes.size() - 1; i >= 0 && handOffs.size() < RECENT_HAND_OFFS; i--) {
            handOffs.add(handOffView(state, notes.get(i)));
        }
        return new ScheduleDetail(schedule.id(), schedule.level(), EscalationPolicy.levelName(schedule.level()),
                schedule.event().name(), schedule.event().zone(), schedule.createdAt(), schedule.created().recordedBy(),
                schedule.retiredFrom(), calendarUrl(schedule), rotations, overrides, handOffs);
    }

    private static OverrideView overrideView(OnCallState state, Override override, Instant now) {
        OverrideAdded added = override.event();
        Recorded withdrawn = override.withdrawn();
        return new OverrideView(added.overrideId(), added.from(), added.to(), override.end(), ref(state, added.personId(), now),
                added.reason(), override.added().recordedAt(), override.added().recordedBy(),
                withdrawn == null ? null : ((OverrideWithdrawn) withdrawn.event()).effectiveFrom(),
                withdrawn == null ? null : withdrawn.recordedBy());
    }

    private static HandOffView handOffView(OnCallState state, Recorded recorded) {
        HandOffNoted note = (HandOffNoted) recorded.event();
        return new HandOffView(ref(state, note.personId(), note.at()), note.shiftStart(), note.note(), note.at(), recorded.recordedBy());
    }

    private static PersonRef ref(OnCallState state, String personId, Instant at) {
        return new PersonRef(personId, state.personAt(personId, at).name());
    }

    private static String calendarUrl(Schedule schedule) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/oncall/schedules/{id}/calendar.ics").queryParam("token", "{token}")
                .buildAndExpand(schedule.id(), schedule.event().calendarToken()).toUriString();
    }

    @Operation(summary = "Retire a schedule (now, or from a later effectiveFrom): the level goes back to its configured contacts")
    @DeleteMapping("/schedules/{scheduleId}")
    ScheduleSummary retireSchedule(@PathVariable String scheduleId, @RequestParam(required = false) Instant effectiveFrom) {
        ScheduleRetired retired = onCall.change(Caller.name(), (state, now) -> {
            ScheduleRetired event = OnCallRules.retireSchedule(state, now, scheduleId, effectiveFrom);
            return new OnCall.Change<>(event, event);
        });
        if (retired != null) {
            audit.recordRequest("ONCALL_SCHEDULE_RETIRED", "schedule " + scheduleId, "from " + retired.effectiveFrom());
        }
        return ScheduleSummary.of(OnCallRules.schedule(onCall.current(), scheduleId), onCall.now());
    }

    // ---- rotations

    record RotationAnswer(String scheduleId, String rotationId, VersionView version, List<String> warnings) {
    }

    @Operation(summary = "Define a rotation, or a new version of it from effectiveFrom on (the order carries on unless startIndex is given)")
    @PutMapping("/schedules/{scheduleId}/rotations/{rotationId}")
    RotationAnswer defineRotation(@PathVariable String scheduleId, @PathVariable String rotationId,
                                  @RequestBody(required = false) RotationRequest body) {
        RotationRequest given = body == null ? new RotationRequest(null, null, null, null, null, null, null, null) : body;
        RotationOutcome outcome = onCall.change(Caller.name(), (state, now) -> {
            RotationOutcome decided = OnCallRules.defineRotation(state, now, scheduleId, rotationId, given);
            return new OnCall.Change<>(decided.event(), decided);
        });
        RotationDefined v = outcome.event();
        audit.recordRequest("ONCALL_ROTATION_DEFINED", "schedule " + scheduleId + " rotation " + rotationId,
                "version " + v.version() + " from " + v.effectiveFrom());
        OnCallState state = onCall.current();
        Recorded recorded = OnCallRules.schedule(state, scheduleId).rotation(rotationId).stream()
                .filter(e -> e.event().equals(v)).reduce((a, b) -> b).orElseThrow();
        return new RotationAnswer(scheduleId, rotationId, new VersionView(v.version(), v.effectiveFrom(), v.rank(),
                v.participants().stream().map(id -> ref(state, id, v.effectiveFrom())).toList(), v.firstHandOff(), v.cadence(),
                v.length(), v.startIndex(), v.activeWindows(), recorded.recordedAt(), recorded.recordedBy()), outcome.warnings());
    }

    record RetiredRotation(String scheduleId, String rotationId, Instant effectiveFrom) {
    }

    @Operation(summary = "Retire a rotation (now, or from a later effectiveFrom)")
    @DeleteMapping("/schedules/{scheduleId}/rotations/{rotationId}")
    RetiredRotation retireRotation(@PathVariable String scheduleId, @PathVariable String rotationId,
                                   @RequestParam(required = false) Instant effectiveFrom) {
        RotationRetired retired = onCall.change(Caller.name(), (state, now) -> {
            RotationRetired event = OnCallRules.retireRotation(state, now, scheduleId, rotationId, effectiveFrom);
            return new OnCall.Change<>(event, event);
        });
        if (retired != null) {
            audit.recordRequest("ONCALL_ROTATION_RETIRED", "schedule " + scheduleId + " rotation " + rotationId,
                    "from " + retired.effectiveFrom());
            return new RetiredRotation(scheduleId, rotationId, retired.effectiveFrom());
        }
        List<Recorded> entries = OnCallRules.schedule(onCall.current(), scheduleId).rotation(rotationId);
        return new RetiredRotation(scheduleId, rotationId, ((RotationRetired) entries.get(entries.size() - 1).event()).effectiveFrom());
    }

    // ---- overrides

    record OverrideBody(Instant from, Instant to, String personId, String reason) {
    }

    record OverrideAnswer(OverrideView override, boolean startMovedToNow, String note) {
    }

    @Operation(summary = "Put someone on call over [from, to), above the rotations (the last recorded override wins where they overlap)")
    @PostMapping("/schedules/{scheduleId}/overrides")
    ResponseEntity<OverrideAnswer> addOverride(@PathVariable String scheduleId, @RequestBody(required = false) OverrideBody body) {
        OverrideBody given = body == null ? new OverrideBody(null, null, null, null) : body;
        String overrideId = UUID.randomUUID().toString();
        OverrideOutcome outcome = onCall.change(Caller.name(), (state, now) -> {
            OverrideOutcome decided = OnCallRules.addOverride(state, now, scheduleId, overrideId, given.from(), given.to(),
                    given.personId(), given.reason());
            return new OnCall.Change<>(decided.event(), decided);
        });
        audit.recordRequest("ONCALL_OVERRIDE_ADDED", "schedule " + scheduleId + " override " + overrideId,
                outcome.event().personId() + " " + outcome.event().from() + " to " + outcome.event().to());
        OnCallState state = onCall.current();
        Override override = OnCallRules.schedule(state, scheduleId).override(overrideId).orElseThrow();
        String note = outcome.startMovedToNow() ? "The requested start " + given.from() + " is in the past: the override"
                + " starts now, " + outcome.event().from() + " (the past cannot be changed)." : null;
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1/oncall/schedules/{id}")
                .buildAndExpand(scheduleId).toUri();
        return ResponseEntity.created(location).body(new OverrideAnswer(overrideView(state, override, onCall.now()),
                outcome.startMovedToNow(), note));
    }

    @Operation(summary = "Withdraw an override: its part from now on goes, its past stays")
    @DeleteMapping("/schedules/{scheduleId}/overrides/{overrideId}")
    OverrideView withdrawOverride(@PathVariable String scheduleId, @PathVariable String overrideId) {
        OverrideWithdrawn withdrawn = onCall.change(Caller.name(), (state, now) -> {
            OverrideWithdrawn event = OnCallRules.withdrawOverride(state, now, scheduleId, overrideId);
            return new OnCall.Change<>(event, event);
        });
        if (withdrawn != null) {
            audit.recordRequest("ONCALL_OVERRIDE_WITHDRAWN", "schedule " + scheduleId + " override " + overrideId,
                    "from " + withdrawn.effectiveFrom());
        }
        OnCallState state = onCall.current();
        return overrideView(state, OnCallRules.schedule(state, scheduleId).override(overrideId).orElseThrow(), onCall.now());
    }

    // ---- hand-offs

    record HandOffBody(String note, String personId) {
    }

    @Operation(summary = "The outgoing person's hand-off note (by default whoever holds, or last held, the level)")
    @PostMapping("/schedules/{scheduleId}/handoffs")
    ResponseEntity<HandOffView> noteHandOff(@PathVariable String scheduleId, @RequestBody(required = false) HandOffBody body) {
        HandOffBody given = body == null ? new HandOffBody(null, null) : body;
        HandOffNoted noted = onCall.change(Caller.name(), (state, now) -> {
            HandOffNoted event = OnCallRules.noteHandOff(state, now, scheduleId, given.personId(), given.note());
            return new OnCall.Change<>(event, event);
        });
        audit.recordRequest("ONCALL_HANDOFF_NOTED", "schedule " + scheduleId, "by " + noted.personId());
        OnCallState state = onCall.current();
        Recorded recorded = OnCallRules.schedule(state, scheduleId).handOffs().stream()
                .filter(r -> r.event().equals(noted)).reduce((a, b) -> b).orElseThrow();
        return ResponseEntity.status(HttpStatus.CREATED).body(handOffView(state, recorded));
    }

    // ---- who is on call

    record NextView(String personId, String name, Instant from, OnCallSource source) {
    }

    record LevelView(int level, String levelName, String scheduleId, String scheduleName, List<PersonRef> onCall,
                     OnCallSource source, Instant since, Instant until, NextView next, HandOffView lastHandOff, String note) {
    }

    @Operation(summary = "Who holds each escalation level at `at` (default now), until when, who is next, the latest hand-off note")
    @GetMapping
    Map<String, Object> whoIsOnCall(@RequestParam(required = false) Instant at) {
        Instant when = at == null ? onCall.now() : OnCallRules.within("at", at);
        OnCallState state = onCall.current();
        List<LevelView> levels = new ArrayList<>();
        for (int level = 1; level <= EscalationPolicy.MAX_LEVEL; level++) {
            levels.add(level(state, level, when));
        }
        return Map.of("at", when, "levels", levels);
    }

    private static LevelView level(OnCallState state, int level, Instant at) {
        String levelName = EscalationPolicy.levelName(level);
        Schedule schedule = state.scheduleFor(level, at).orElse(null);
        if (schedule == null) {
            return new LevelView(level, levelName, null, null, List.of(), OnCallSource.CONTACTS, null, null, null, null,
                    "No on-call schedule for this level: its configured contacts are told.");
        }
        Duration reach = OnCallState.LONGEST_SEGMENT;
        List<Stretch> stretches = state.stretches(schedule, at.minus(reach), at.plus(reach));
        Stretch current = stretches.stream().filter(s -> !s.start().isAfter(at) && s.end().isAfter(at)).findFirst().orElse(null);
        Stretch next = stretches.stream().filter(s -> s.start().isAfter(at)).findFirst().orElse(null);
        NextView nextView = next == null ? null
                : new NextView(next.personId(), state.personAt(next.personId(), next.start()).name(), next.start(), next.source());
        HandOffView lastHandOff = schedule.handOffs().stream().filter(r -> !((HandOffNoted) r.event()).at().isAfter(at))
                .reduce((a, b) -> b).map(r -> handOffView(state, r)).orElse(null);
        if (current == null) {
            return new LevelView(level, levelName, schedule.id(), schedule.event().name(), List.of(), OnCallSource.CONTACTS, null,
                    next == null ? null : next.start(), nextView, lastHandOff,
                    "Nobody is on call on the schedule: the level's configured contacts are told (without any, the next level up).");
        }
        Instant since = current.start().equals(at.minus(reach)) ? null : current.start();
        Instant until = current.end().equals(at.plus(reach)) ? null : current.end();
        return new LevelView(level, levelName, schedule.id(), schedule.event().name(),
                List.of(ref(state, current.personId(), at)), current.source(), since, until, nextView, lastHandOff, null);
    }

    record ShiftView(Instant start, Instant end, PersonRef person, OnCallSource source, String sourceId) {
    }

    @Operation(summary = "The schedule's final shifts over [from, to) (default: the next 14 days), whole shifts that overlap it")
    @GetMapping("/schedules/{scheduleId}/shifts")
    Map<String, Object> shifts(@PathVariable String scheduleId, @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to) {
        OnCallState state = onCall.current();
        Schedule schedule = OnCallRules.schedule(state, scheduleId);
        Instant now = onCall.now();
        Instant start = instantOrDate("from", from, schedule.zone(), now);
        Instant end = instantOrDate("to", to, schedule.zone(), start.plus(Duration.ofDays(14)));
        checkRange(start, end);
        List<ShiftView> shifts = state.wholeSegments(schedule, start, end).stream()
                .map(s -> new ShiftView(s.start(), s.end(), ref(state, s.personId(), s.start()), s.piece().source(), s.piece().sourceId()))
                .toList();
        return Map.of("scheduleId", scheduleId, "from", start, "to", end, "items", shifts);
    }

    // ---- the calendar feed

    @Operation(summary = "The schedule's shifts as an iCalendar feed (open to whoever has the token: calendar clients cannot log in)")
    @GetMapping("/schedules/{scheduleId}/calendar.ics")
    ResponseEntity<String> calendar(@PathVariable String scheduleId, @RequestParam(required = false) String token,
                                    @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        OnCallState state = onCall.current();
        Schedule schedule = state.schedule(scheduleId).filter(s -> sameToken(s.event().calendarToken(), token))
                .orElseThrow(() -> new OnCallException(OnCallError.UNKNOWN_CALENDAR,
                        "No such calendar, or not with this token."));
        Instant now = onCall.now();
        Instant start = instantOrDate("from", from, schedule.zone(), now.minus(FEED_PAST));
        Instant end = instantOrDate("to", to, schedule.zone(), now.plus(FEED_FUTURE));
        checkRange(start, end);
        List<Segment> segments = state.wholeSegments(schedule, start, end);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(CalendarFeed.MEDIA_TYPE))
                .header("Cache-Control", "private, max-age=300")
                .body(CalendarFeed.render(state, schedule, segments));
    }

    /** Constant time: how much of a guess was right must not show in the answer's timing. */
    private static boolean sameToken(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static Instant instantOrDate(String field, String value, ZoneId zone, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return OnCallRules.within(field, value.length() <= 10 ? LocalDate.parse(value).atStartOfDay(zone).toInstant()
                    : Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw OnCallException.invalid(field, "must be an instant (2026-03-02T08:00:00Z) or a date (2026-03-02, midnight in the schedule's zone)");
        }
    }

    private static void checkRange(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw OnCallException.invalid("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(LONGEST_RANGE) > 0) {
            throw OnCallException.invalid("to", "the range spans at most " + LONGEST_RANGE.toDays() + " days");
        }
    }

    private String newToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String redactUrl(String url) {
        return url == null ? null : URL_PATH.matcher(url).replaceAll("$1/…");
    }

    static String redactEmail(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return at > 0 ? email.charAt(0) + "…" + email.substring(at) : "…";
    }

    @Bean
    static AccessRules onCallRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/v1/oncall", "/api/v1/oncall/**").hasRole(Role.VIEWER.name())
                .requestMatchers(HttpMethod.PUT, "/api/v1/oncall/**").hasRole(Role.RESPONDER.name())
                .requestMatchers(HttpMethod.POST, "/api/v1/oncall/**").hasRole(Role.RESPONDER.name())
                .requestMatchers(HttpMethod.DELETE, "/api/v1/oncall/**").hasRole(Role.RESPONDER.name());
    }
}
