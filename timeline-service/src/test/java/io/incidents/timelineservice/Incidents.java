package io.incidents.timelineservice;

import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentResolved;
import io.incidents.events.IncidentSource;
import io.incidents.events.Severity;
import io.incidents.policy.Detection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events of made-up incidents for tests, at minutes after a given declaration moment. */
public final class Incidents {

    /**
     * The topic of the context most integration tests share (set in application-test.yml). The
     * tests in it publish here, each about incidents of its own and, where it reports over a
     * period, in a period no other test of that context declares incidents in.
     */
    public static final String TOPIC = "incident-events";

    private Incidents() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static IncidentDeclared declared(String id, Severity severity, Instant at, String... services) {
        return new IncidentDeclared(id, "Incident " + id.substring(0, 8), "what users saw", severity, List.of(services),
                IncidentSource.manual(), at);
    }

    /**
     * A declaration whose detection time was given as {@code detectionGiven}, recorded as
     * incident-service records it: clamped into the 24 h before the declaration, the value given
     * kept when it was clamped.
     */
    public static IncidentDeclared detected(String id, Severity severity, Instant at, Instant detectionGiven,
                                            String... services) {
        Detection detection = Detection.of(detectionGiven, at);
        return new IncidentDeclared(id, "Incident " + id.substring(0, 8), "what users saw", severity, List.of(services),
                IncidentSource.manual(), at, null, detection.detectedAt(), detection.asGiven());
    }

    public static IncidentAcknowledged acknowledged(String id, Instant declaredAt, long minutes) {
        return new IncidentAcknowledged(id, "alice", declaredAt.plusSeconds(minutes * 60));
    }

    public static IncidentResolved resolved(String id, Instant declaredAt, long minutes) {
        return new IncidentResolved(id, "fixed", "a bad deploy", declaredAt.plusSeconds(minutes * 60));
    }
}
