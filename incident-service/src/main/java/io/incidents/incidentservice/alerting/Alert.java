package io.incidents.incidentservice.alerting;

import io.incidents.events.Severity;

import java.math.BigDecimal;

/**
 * One alert in our own terms, whatever format it came in.
 *
 * @param severity  the sender's severity, mapped to ours; null if it gave none
 * @param errorRate the error rate in percent, if the sender reported one (drives the decision matrix)
 */
record Alert(Action action, String dedupKey, String summary, String source, String service, Severity severity,
             BigDecimal errorRate, String description) {

    enum Action { TRIGGER, ACKNOWLEDGE, RESOLVE }
}
