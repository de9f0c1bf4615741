package io.incidents.timelineservice.dashboard.oncall;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidents.policy.EscalationPolicy;
import io.incidents.timelineservice.dashboard.JsonFields;
import io.incidents.timelineservice.dashboard.Times;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * notification-service's answers read into what the page shows per escalation level. Its
 * {@code /api/v1/oncall} says who a level's schedule has on call, and "CONTACTS" when nobody (no
 * schedule, or nobody on call on it); only {@code /api/v1/escalation/levels} (asked for the same
 * moment) names the configured contacts, and says NOBODY when there are none.
 */
final class OnCallLevels {

    /** A hand-off note longer than this, or of more lines, is folded. */
    static final int FOLD_OVER = 280;
    static final int FOLD_LINES = 4;
    private static final int EXCERPT = 100;

    private OnCallLevels() {
    }

    /** Where a level's holders come from (shared-events' {@code OnCallSource}, read as the page needs it). */
    enum Holding {
        SCHEDULE("schedule"), OVERRIDE("override"), CONTACTS("configured contacts"), NOBODY("nobody");

        private final String words;

        Holding(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** A moment with how far it is from the moment shown, e.g. "in 3 h", "2 d ago", "20 min later". */
    record When(Instant at, String relative) {

        static When of(Instant at, Instant shown, boolean live) {
            if (at == null) {
                return null;
            }
            Duration apart = Duration.between(shown, at);
            if (apart.abs().getSeconds() < 1) {
                return new When(at, live ? "now" : "at that moment");
            }
            String length = Times.duration(apart);
            if (apart.isNegative()) {
                return new When(at, live ? length + " ago" : length + " earlier");
            }
            return new When(at, live ? "in " + length : length + " later");
        }
    }

    record Next(String name, When from, boolean override) {
    }

    /**
     * The last hand-off note: by the person handing off ({@code by}, their name), recorded by the
     * login {@code recordedBy}; {@code excerpt} is null when the note is short enough to show whole.
     */
    record HandOff(String personId, String by, String recordedBy, When at, String note, String excerpt) {

        public boolean recordedBySomeoneElse() {
            return recordedBy != null && !recordedBy.equals(personId) && !recordedBy.equals(by);
        }
    }

    /**
     * One escalation level as the page shows it.
     *
     * @param people       who holds it (names), empty for nobody or for contacts whose names cannot be had
     * @param onSchedule   the level has a schedule in force (its name in {@code scheduleName})
     * @param passesTo     for NOBODY: the next level up that has someone, in words; null when none has
     * @param contactsNote for CONTACTS: what to know about the names (as configured now, not known)
     */
    record Level(int level, String title, Holding holding, List<String> people, boolean onSchedule, String scheduleName,
                 When since, When until, Next next, HandOff handOff, String passesTo, String contactsNote) {

        boolean hasSomeone() {
            return holding != Holding.NOBODY;
        }

        /** Someone on a schedule with no end in sight: notification-service looks a year either way. */
        public boolean noHandOffWithinAYear() {
            return until == null && !people.isEmpty() && (holding == Holding.SCHEDULE || holding == Holding.OVERRIDE);
        }

        public boolean hasFacts() {
            return since != null || until != null || next != null || handOff != null || noHandOffWithinAYear();
        }
    }

    /** What notification-service says of the configured contacts now: level to its answer (contacts, source). */
    record Contacts(Map<Integer, JsonNode> levels, String unavailable) {

        static Contacts of(JsonNode body) {
            Map<Integer, JsonNode> levels = new HashMap<>();
            if (body != null) {
                body.path("levels").forEach(level -> levels.put(level.path("level").asInt(), level));
            }
            return new Contacts(levels, null);
        }

        static Contacts unavailable(String why) {
            return new Contacts(Map.of(), why);
        }
    }

    /**
     * @param onCall   {@code /api/v1/oncall}'s answer
     * @param contacts {@code /api/v1/escalation/levels}'s, needed only when a level falls back to its contacts
     * @param shown    the moment the answer is for
     * @param live     whether that moment is now (words: "in 3 h", not "3 h later")
     */
    static List<Level> read(JsonNode onCall, Contacts contacts, Instant shown, boolean live) {
        List<Level> levels = new ArrayList<>();
        for (JsonNode level : onCall.path("levels")) {
            levels.add(level(level, contacts, shown, live));
        }
        List<Level> told = new ArrayList<>();
        for (Level level : levels) {
            told.add(level.holding() == Holding.NOBODY ? withPassesTo(level, levels) : level);
        }
        return told;
    }

    /** Whether {@code /api/v1/escalation/levels} is needed: some level falls back to its configured contacts. */
    static boolean needsContacts(JsonNode onCall) {
        for (JsonNode level : onCall.path("levels")) {
            if (holding(JsonFields.text(level, "source")) == Holding.CONTACTS) {
                return true;
            }
        }
        return false;
    }

    private static Level level(JsonNode node, Contacts contacts, Instant shown, boolean live) {
        int number = node.path("level").asInt();
        String title = JsonFields.text(node, "levelName");
        if (title == null) {
            title = EscalationPolicy.levelName(number);
        }
        Holding holding = holding(JsonFields.text(node, "source"));
        List<String> people = new ArrayList<>();
        node.path("onCall").forEach(person -> people.add(name(person)));
        String contactsNote = null;
        if (holding == Holding.CONTACTS) {
            JsonNode now = contacts.levels().get(number);
            Holding nowHolding = now == null ? null : holding(JsonFields.text(now, "source"));
            if (nowHolding == Holding.CONTACTS || nowHolding == Holding.NOBODY) {
                now.path("contacts").forEach(name -> people.add(name.asText()));
                holding = nowHolding;
                contactsNote = holding == Holding.NOBODY ? null
                        : people.isEmpty() ? "not named in notification-service's settings"
                        : live ? null : "as configured now";
            } else if (contacts.unavailable() != null) {
                contactsNote = "names cannot be shown: " + contacts.unavailable();
            } else {
                contactsNote = "notification-service names them only while the level's schedule has nobody on call";
            }
        }
        String scheduleId = JsonFields.text(node, "scheduleId");
        return new Level(number, title, holding, List.copyOf(people), scheduleId != null, JsonFields.text(node, "scheduleName"),
                When.of(JsonFields.instant(node, "since"), shown, live), When.of(JsonFields.instant(node, "until"), shown, live),
                next(node.get("next"), shown, live), handOff(node.get("lastHandOff"), shown, live), null, contactsNote);
    }

    private static Holding holding(String source) {
        if (source == null) {
            return Holding.CONTACTS;
        }
        return switch (source) {
            case "SCHEDULE" -> Holding.SCHEDULE;
            case "OVERRIDE" -> Holding.OVERRIDE;
            case "NOBODY" -> Holding.NOBODY;
            default -> Holding.CONTACTS;
        };
    }

    private static Next next(JsonNode node, Instant shown, boolean live) {
        if (node == null || node.isNull()) {
            return null;
        }
        return new Next(name(node), When.of(JsonFields.instant(node, "from"), shown, live),
                "OVERRIDE".equals(JsonFields.text(node, "source")));
    }

    private static HandOff handOff(JsonNode node, Instant shown, boolean live) {
        if (node == null || node.isNull()) {
            return null;
        }
        String note = JsonFields.text(node, "note");
        String text = note == null ? "" : note;
        boolean fold = text.length() > FOLD_OVER || text.lines().count() > FOLD_LINES;
        String excerpt = null;
        if (fold) {
            String firstLine = text.lines().findFirst().orElse("");
            if (firstLine.length() > EXCERPT) {
                int lastSpace = firstLine.lastIndexOf(' ', EXCERPT);
                firstLine = firstLine.substring(0, lastSpace > EXCERPT / 2 ? lastSpace : EXCERPT);
            }
            excerpt = firstLine.strip() + " …";
        }
        JsonNode person = node.path("person");
        boolean named = person.isObject();
        return new HandOff(named ? JsonFields.text(person, "personId") : null, named ? name(person) : null,
                JsonFields.text(node, "recordedBy"), When.of(JsonFields.instant(node, "at"), shown, live), text, excerpt);
    }

    /** A person's name, else their id. */
    private static String name(JsonNode person) {
        String name = JsonFields.text(person, "name");
        return name == null || name.isBlank() ? JsonFields.text(person, "personId") : name;
    }

    private static Level withPassesTo(Level nobody, List<Level> levels) {
        String passesTo = null;
        for (Level up : levels) {
            if (up.level() > nobody.level() && up.hasSomeone()) {
                passesTo = "level " + up.level() + " (" + up.title()
                        + (up.people().isEmpty() ? ")" : ": " + String.join(", ", up.people()) + ")");
                break;
            }
        }
        return new Level(nobody.level(), nobody.title(), nobody.holding(), nobody.people(), nobody.onSchedule(),
                nobody.scheduleName(), nobody.since(), nobody.until(), nobody.next(), nobody.handOff(), passesTo, null);
    }
}
