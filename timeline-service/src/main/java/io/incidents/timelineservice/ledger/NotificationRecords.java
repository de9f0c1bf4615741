package io.incidents.timelineservice.ledger;

import io.incidents.events.CloudEventHeaders;
import io.incidents.events.EventJson;
import io.incidents.events.notification.NotificationEvent;
import io.incidents.events.notification.NotificationEventTypes;
import io.incidents.support.events.CloudEventRecordParser;
import io.incidents.support.events.PoisonRecordException;
import io.incidents.timelineservice.notification.StoredNotification;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Optional;

/**
 * Reads a {@code notification-events} record (CloudEvents binary mode, as on {@code incident-events}:
 * {@code ce_id}, {@code ce_type = notification.<Name>.v1}, {@code ce_source = notification-service},
 * key = incident id, the event as JSON). A record from another source, or of a type this version
 * does not know (a newer publisher may add types), is not this reader's to apply: it is skipped,
 * not parked. One that claims to be a known event but cannot be read as one is poison.
 */
public final class NotificationRecords {

    /** Why a record was skipped: the metric's {@code reason} tag. */
    public enum Skip {
        /** {@code ce_source} is not notification-service, or missing */
        SOURCE,
        /** {@code ce_type} is not one this version knows */
        TYPE
    }

    /** What a record holds: an event to apply, or a reason to skip it. */
    public record Read(StoredNotification event, Skip skip, String detail) {

        static Read of(StoredNotification event) {
            return new Read(event, null, null);
        }

        static Read skipped(Skip skip, String detail) {
            return new Read(null, skip, detail);
        }
    }

    private NotificationRecords() {
    }

    /** @throws PoisonRecordException when the record can never be applied as it is */
    public static Read read(ConsumerRecord<String, String> record) {
        // Whatever does not claim to come from notification-service is not ours to read, or to park.
        String source = CloudEventRecordParser.optional(record, CloudEventHeaders.SOURCE);
        if (!NotificationEventTypes.SOURCE.equals(source)) {
            return Read.skipped(Skip.SOURCE, "ce_source " + source + " is not " + NotificationEventTypes.SOURCE);
        }
        String id = CloudEventRecordParser.required(record, CloudEventHeaders.ID);
        String type = CloudEventRecordParser.required(record, CloudEventHeaders.TYPE);
        Optional<Class<? extends NotificationEvent>> eventClass = NotificationEventTypes.forCloudEventType(type);
        if (eventClass.isEmpty()) {
            return Read.skipped(Skip.TYPE, "unknown event type " + type + " (a newer notification-service may publish types"
                    + " this version does not read)");
        }
        if (record.value() == null) {
            throw new PoisonRecordException("record has no value");
        }
        NotificationEvent event;
        try {
            event = EventJson.read(record.value(), eventClass.get());
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException("value is not a valid " + type + ": " + e.getMessage(), e);
        }
        if (event.incidentId() == null || event.occurredAt() == null) {
            throw new PoisonRecordException(type + " has no incidentId or no time");
        }
        if (record.key() != null && !record.key().equals(event.incidentId())) {
            throw new PoisonRecordException("record key " + record.key() + " is not the event's incident " + event.incidentId());
        }
        if (id.length() > 64 || event.incidentId().length() > 64) {
            throw new PoisonRecordException("event id or incident id longer than 64 characters");
        }
        return Read.of(StoredNotification.of(id, event));
    }
}
