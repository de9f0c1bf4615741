package io.incidents.timelineservice.sla;

/** How an SLA report groups its incidents. */
public enum GroupBy {
    /** By the severity at declaration, with a second view by the highest severity reached. */
    SEVERITY,
    /** By each service named at declaration: an incident naming two services counts in both. */
    SERVICE
}
