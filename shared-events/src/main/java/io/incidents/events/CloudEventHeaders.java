package io.incidents.events;

/**
 * Kafka header names of an {@code incident-events} record: CloudEvents 1.0 binary mode
 * attributes, plus the extensions {@code sequence} (the incident's aggregate sequence number,
 * from 0), {@code actor}, {@code correlationid} and {@code imported}. Producer and consumers share these names.
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
    /**
     * {@code true} on the events of an incident imported from the past (absent otherwise): read
     * models take them like any other event, but nobody is notified of them.
     */
    public static final String IMPORTED = "ce_imported";
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {
    }
}
