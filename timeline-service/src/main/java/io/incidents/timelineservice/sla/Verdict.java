package io.incidents.timelineservice.sla;

/** How an SLA clock stands: judged (met or breached) or still running and not yet judged. */
public enum Verdict {
    MET, BREACHED, RUNNING
}
