package io.incidents.faults;

/**
 * One command or alert the workload sent, and what its answers allow it to conclude.
 *
 * @param scenario   the scenario during which it was sent
 * @param kind       what it was
 * @param incidentId the incident it was about (null for a declaration or alert that was not accepted)
 * @param marker     the value of the marker field in the event it must have stored (see {@link StoredEvents})
 * @param outcome    what the answers say
 * @param answer     the last status and body, for the report
 */
record Operation(String scenario, Kind kind, String incidentId, String marker, Outcome outcome, String answer) {
}
