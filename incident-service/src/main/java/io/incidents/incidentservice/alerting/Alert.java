package io.incidents.incidentservice.alerting;

import io.incidents.events.Severity;
import io.incidents.incidentservice.incident.IncidentFields;
import io.incidents.incidentservice.incident.ServiceNames;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One alert in our own terms, whatever format it came in. Every text is bounded here, so no
 * format can carry an unbounded one into an event: the readers refuse what the sender must fix
 * (a dedup key, PagerDuty's summary) and this cuts or normalises the rest.
 *
 * @param service   normalised to a valid service name; null if the alert named none (or nothing was left of it)
 * @param severity  the sender's severity, mapped to ours; null if it gave none
 * @param errorRate the error rate in percent, if the sender reported one (drives the decision matrix)
 * @param outage    the sender says it is an outage (native {@code outage: true}, Alertmanager label
 *                  {@code outage="true"}, PagerDuty {@code custom_details.outage: true}): the decision
 *                  matrix's first row whatever the error rate
 * @param type      the incident type the sender names (Alertmanager label {@code incident_type}, PagerDuty
 *                  {@code custom_details.incident_type}, native {@code type}); null if none. An incident it
 *                  opens gets that runbook, or one its words suggest
 * @param startedAt when the sender says the problem began (Alertmanager's {@code startsAt}, PagerDuty's
 *                  {@code payload.timestamp}, our {@code detectedAt}); null if it said nothing usable.
 *                  An incident it opens is detected then (SPEC 4)
 */
record Alert(Action action, String dedupKey, String summary, String source, String service, Severity severity,
             BigDecimal errorRate, boolean outage, String description, String type, Instant startedAt) {

    /** Also the limit of {@code alert_incident.dedup_key}. */
    static final int DEDUP_KEY_LIMIT = 255;
    /** PagerDuty's own limit. */
    static final int SUMMARY_LIMIT = 1024;
    static final int SOURCE_LIMIT = 255;

    enum Action { TRIGGER, ACKNOWLEDGE, RESOLVE }

    Alert {
        if (dedupKey == null || dedupKey.isBlank() || dedupKey.length() > DEDUP_KEY_LIMIT) {
            throw new IllegalArgumentException("the readers give every alert a dedup key of 1.." + DEDUP_KEY_LIMIT + " characters");
        }
        summary = IncidentFields.cut(summary, SUMMARY_LIMIT);
        source = IncidentFields.cut(source, SOURCE_LIMIT);
        service = ServiceNames.normalise(service).orElse(null);
        description = IncidentFields.cut(description, IncidentFields.LONG_TEXT);
    }
}
