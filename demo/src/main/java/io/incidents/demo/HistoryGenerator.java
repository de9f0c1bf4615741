package io.incidents.demo;

import io.incidents.demo.PastIncident.Source;
import io.incidents.demo.PastIncident.Step;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A believable past: a few incidents a day, severities in the proportions of a real on-call
 * rotation, acknowledge and resolve times spread around the SLA targets (so some breach), with
 * escalations by timeout, roles, public status updates, rollbacks of every procedure (some failed,
 * some overrunning their expected range), a few reopens and post-mortem action items.
 * <p>
 * Deterministic: each day's incidents come from the seed and the date alone, and carry external
 * ids made of both. A restarted stack generates the same incidents, the import finds them
 * present and adds only the days (and today's incidents) that have ended since.
 */
final class HistoryGenerator {

    static final List<String> PEOPLE = List.of("alex.kim", "dana.osei", "morgan.lee", "priya.nair", "tom.berg",
            "lena.fischer", "omar.haddad", "sofia.rossi");
    static final String[] SEVERITIES = {"SEV1", "SEV2", "SEV3", "SEV4"};
    /** SPEC section 4: acknowledge and resolve targets, and the escalation level at declaration, SEV1..SEV4. */
    static final Duration[] ACK_TARGET = {Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1)};
    static final Duration[] RESOLVE_TARGET = {Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(24)};
    static final int[] LEVEL_AT_DECLARATION = {4, 2, 1, 0};
    /** SPEC section 5: the expected durations' bounds in seconds, procedures A..D. */
    static final int[] ROLLBACK_MIN = {300, 600, 180, 0};
    static final int[] ROLLBACK_MAX = {600, 1200, 300, 60};

    private final long seed;

    HistoryGenerator(long seed) {
        this.seed = seed;
    }

    /** Every incident declared from {@code days} days before today until now that has ended (all its steps) before {@code now}. */
    List<PastIncident> history(Instant now, int days) {
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        List<PastIncident> incidents = new ArrayList<>();
        for (LocalDate day = today.minusDays(days); !day.isAfter(today); day = day.plusDays(1)) {
            for (PastIncident incident : day(day)) {
                if (!lastMoment(incident).isAfter(now.minusSeconds(60))) {
                    incidents.add(incident);
                }
            }
        }
        return incidents;
    }

    static Instant lastMoment(PastIncident incident) {
        return incident.steps().get(incident.steps().size() - 1).at();
    }

    /** The day's incidents, whether or not they have ended yet. */
    List<PastIncident> day(LocalDate day) {
        Random random = new Random(seed * 1_000_003L + day.toEpochDay());
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        int count = weekend ? 1 + random.nextInt(3) : 2 + random.nextInt(4);
        List<PastIncident> incidents = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            incidents.add(new IncidentStory(random, day, n).tell());
        }
        return incidents;
    }

    /** One incident, told step by step with a cursor that only moves forward. */
    private static final class IncidentStory {
        private final Random random;
        private final LocalDate day;
        private final int number;
        private final List<Step> steps = new ArrayList<>();
        private int level;
        private int severity;

        IncidentStory(Random random, LocalDate day, int number) {
            this.random = random;
            this.day = day;
            this.number = number;
        }

        PastIncident tell() {
            Kind kind = pickKind();
            severity = pick(kind.severities());
            int declaredSeverity = severity;
            level = LEVEL_AT_DECLARATION[severity];
            Kind.Variant variant = oneOf(kind.variants());
            String title = variant.title();
            List<String> services = variant.services();
            Instant declared = day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(timeOfDay());
            String onCall = PEOPLE.get((int) Math.floorMod(day.toEpochDay() / 7, (long) PEOPLE.size()));
            String responder = random.nextDouble() < 0.8 ? onCall : oneOf(PEOPLE);
            boolean fromAlert = random.nextDouble() < 0.6;
            String integration = random.nextBoolean() ? "alertmanager" : "pagerduty";
            Source source = fromAlert ? new Source(integration, kind.key() + "/" + services.get(0)) : null;
            String declaredBy = fromAlert ? integration : onCall;

            Duration ackTarget = ACK_TARGET[severity];
            // Most acknowledge well inside the target, about one in ten misses it; a SEV4 never
            // waits past its hour (it is logged, and picked up the same day).
            Duration tta = around(ackTarget.multipliedBy(35).dividedBy(100), 0.8, Duration.ofSeconds(20));
            if (severity == 3 && tta.compareTo(ackTarget) >= 0) {
                tta = ackTarget.multipliedBy(9).dividedBy(10);
            }
            Duration ttr = around(RESOLVE_TARGET[severity].multipliedBy(2).dividedBy(5), 0.7, Duration.ofMinutes(10));
            Instant acknowledged = declared.plus(tta);
            for (Instant due = declared.plus(ackTarget); due.isBefore(acknowledged) && level < 4; due = due.plus(ackTarget)) {
                add(Step.ackOverdue(due));
                level++;
            }
            add(Step.acknowledge(acknowledged, responder));
            Instant cursor = acknowledged;

            if (severity <= 1 || random.nextDouble() < 0.5 && severity == 2) {
                cursor = later(cursor, 30, 180);
                add(Step.role(cursor, responder, "INCIDENT_COMMANDER", responder));
                if (severity == 0 || random.nextDouble() < 0.4) {
                    add(Step.role(cursor, responder, "TECHNICAL_LEAD", otherThan(responder)));
                }
                if (severity == 0) {
                    add(Step.role(cursor, responder, "COMMUNICATIONS_LEAD", otherThan(responder)));
                    if (random.nextBoolean()) {
                        add(Step.role(cursor, responder, "SCRIBE", otherThan(responder)));
                    }
                }
            }
            if (severity <= 2) {
                cursor = later(cursor, 60, 300);
                add(Step.status(cursor, responder, "INVESTIGATING", "We are investigating: " + lower(kind.publicImpact())));
            }
            double change = random.nextDouble();
            if (change < 0.08 && severity > 0) {
                cursor = later(cursor, 180, 600);
                add(Step.severity(cursor, responder, SEVERITIES[severity - 1], "More customers affected than first thought"));
                severity--;
                level = Math.max(level, LEVEL_AT_DECLARATION[severity]);
            } else if (change < 0.13 && severity > 0 && severity < 3) {
                cursor = later(cursor, 180, 600);
                add(Step.severity(cursor, responder, SEVERITIES[severity + 1], "Impact limited to one region"));
                severity++;
            }
            if (severity >= 1 && severity <= 2 && level < 4 && random.nextDouble() < 0.12) {
                cursor = later(cursor, 120, 480);
                add(Step.escalate(cursor, responder, oneOf(List.of("Customers are calling support",
                        "Need the DevOps lead's access to the database", "No progress after 20 minutes"))));
                level++;
            }
            Instant resolveBy = declared.plus(ttr);
            Instant identified = max(later(cursor, 120, 600),
                    cursor.plus(Duration.between(cursor, resolveBy).multipliedBy(3).dividedBy(10)).truncatedTo(ChronoUnit.SECONDS));
            if (severity <= 2) {
                add(Step.status(identified, responder, "IDENTIFIED", kind.identified()));
            }
            cursor = identified;
            if (!kind.procedures().isEmpty() && random.nextDouble() < kind.rollback()) {
                cursor = rollbacks(kind, services, responder, later(cursor, 60, 300));
            }
            if (severity <= 2) {
                cursor = later(cursor, 120, 600);
                add(Step.status(cursor, responder, "MONITORING", "A fix has been applied and we are monitoring the results."));
            }
            Instant resolved = max(resolveBy, later(cursor, 300, 1200));
            int cause = random.nextInt(kind.rootCauses().size());
            add(Step.resolve(resolved, responder, kind.resolutions().get(cause), kind.rootCauses().get(cause)));
            if (random.nextDouble() < 0.05) {
                resolved = reopen(kind, responder, resolved, cause);
            }
            actionItems(kind, responder, resolved, declaredSeverity);
            return new PastIncident("demo-history/" + day + "/" + number, title, kind.description(), SEVERITIES[declaredSeverity],
                    services, source, declared, declaredBy, steps);
        }

        /** One rollback of a procedure the kind calls for; one in ten fails and is followed by another. */
        private Instant rollbacks(Kind kind, List<String> services, String by, Instant start) {
            char procedure = kind.procedures().charAt(random.nextInt(kind.procedures().length()));
            return rollback(procedure, services, by, start, random.nextDouble() < 0.1);
        }

        private Instant rollback(char procedure, List<String> services, String by, Instant start, boolean fails) {
            int p = procedure - 'A';
            String name = "rb" + (steps.stream().filter(s -> s.type().equals("ROLLBACK_START")).count() + 1);
            List<String> affected = procedure == 'C' ? services.subList(0, 1) : services;
            add(Step.rollbackStart(start, by, name, String.valueOf(procedure), affected, version(),
                    switch (procedure) {
                        case 'A' -> "The latest release raised the error rate; the database is unchanged";
                        case 'B' -> "The release included a migration; code and database go back together";
                        case 'C' -> affected.get(0) + " alone is failing after its deploy";
                        default -> "Emergency shutdown: stop " + String.join(", ", affected) + " until we know more";
                    }));
            boolean overrun = random.nextDouble() < 0.15;
            int seconds = overrun
                    ? ROLLBACK_MAX[p] + 30 + random.nextInt(Math.max(60, ROLLBACK_MAX[p]))
                    : ROLLBACK_MIN[p] * 9 / 10 + random.nextInt(Math.max(20, ROLLBACK_MAX[p] - ROLLBACK_MIN[p] * 9 / 10 - 10));
            if (fails) {
                Instant failed = start.plusSeconds(Math.max(20, seconds / 2));
                add(Step.rollbackFail(failed, by, name, procedure == 'B'
                        ? "The database restore was slower than the window allows; aborted"
                        : "Health checks still failing after the rollback"));
                return rollback(procedure == 'C' ? 'A' : procedure, services, by, later(failed, 60, 300), false);
            }
            Instant done = start.plusSeconds(seconds);
            add(Step.rollbackComplete(done, by, name));
            return done;
        }

        private Instant reopen(Kind kind, String by, Instant resolved, int cause) {
            Instant reopened = later(resolved, 900, 7200);
            add(Step.reopen(reopened, by, "The errors are back"));
            Instant cursor = reopened;
            if (severity <= 2) {
                cursor = later(cursor, 60, 240);
                add(Step.status(cursor, by, "INVESTIGATING", "The issue has come back; we are investigating."));
            }
            Instant again = later(cursor, 1200, 5400);
            add(Step.resolve(again, by, "Fixed for good: " + lower(kind.resolutions().get(cause)), kind.rootCauses().get(cause)));
            return again;
        }

        /** The post-incident review a few hours later adds follow-ups, more for the worse incidents. */
        private void actionItems(Kind kind, String by, Instant resolved, int declaredSeverity) {
            int count = switch (declaredSeverity) {
                case 0 -> 2 + random.nextInt(2);
                case 1 -> 1 + random.nextInt(2);
                case 2 -> random.nextDouble() < 0.3 ? 1 : 0;
                default -> random.nextDouble() < 0.1 ? 1 : 0;
            };
            Instant review = later(resolved, 3600, 4 * 3600);
            for (int i = 0; i < Math.min(count, kind.actionItems().size()); i++) {
                LocalDate due = review.atZone(ZoneOffset.UTC).toLocalDate().plusDays(7 + random.nextInt(22));
                add(Step.actionItem(review, by, kind.actionItems().get(i), oneOf(PEOPLE), due));
            }
        }

        private void add(Step step) {
            steps.add(step);
        }

        private Kind pickKind() {
            int total = Kind.ALL.stream().mapToInt(Kind::frequency).sum();
            int pick = random.nextInt(total);
            for (Kind kind : Kind.ALL) {
                pick -= kind.frequency();
                if (pick < 0) {
                    return kind;
                }
            }
            throw new IllegalStateException("no kind");
        }

        private int pick(double[] weights) {
            double pick = random.nextDouble();
            for (int i = 0; i < weights.length; i++) {
                pick -= weights[i];
                if (pick < 0) {
                    return i;
                }
            }
            return weights.length - 1;
        }

        /** Seconds into the day: mostly working hours (UTC), some at night. */
        private long timeOfDay() {
            return random.nextDouble() < 0.75 ? 7 * 3600 + random.nextInt(12 * 3600) : random.nextInt(24 * 3600);
        }

        /** Log-normal around a median: most close to it, a long tail past it. */
        private Duration around(Duration median, double sigma, Duration floor) {
            double seconds = median.getSeconds() * Math.exp(sigma * random.nextGaussian());
            return Duration.ofSeconds(Math.max(floor.getSeconds(), Math.round(seconds)));
        }

        private Instant later(Instant from, int minSeconds, int maxSeconds) {
            return from.plusSeconds(minSeconds + random.nextInt(maxSeconds - minSeconds + 1)).truncatedTo(ChronoUnit.SECONDS);
        }

        private String version() {
            return "v" + (1 + random.nextInt(5)) + "." + random.nextInt(30) + "." + random.nextInt(10);
        }

        private String otherThan(String person) {
            String other = oneOf(PEOPLE);
            return other.equals(person) ? PEOPLE.get((PEOPLE.indexOf(person) + 1) % PEOPLE.size()) : other;
        }

        private <T> T oneOf(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        private static Instant max(Instant a, Instant b) {
            return a.isAfter(b) ? a : b;
        }

        private static String lower(String text) {
            return Character.toLowerCase(text.charAt(0)) + text.substring(1);
        }
    }
}
