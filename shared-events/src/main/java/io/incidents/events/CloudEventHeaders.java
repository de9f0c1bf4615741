package io.incidents.events;

/**
 * Kafka header names of an {@code incident-events} record: CloudEvents 1.0 binary mode
 * attributes, plus the extensions {@code sequence} (the incident's aggregate sequence number,
 * from 0), {@code actor} and {@code correlationid}. Producer and consumers share these names.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String SEQUENCE = "ce_sequence";
    public static final String ACTOR = "ce_actor";
    public static final String CORRELATION_ID = "ce_correlationid";
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {
    }
}
