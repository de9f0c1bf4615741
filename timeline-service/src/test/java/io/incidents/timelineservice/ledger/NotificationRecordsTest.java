package io.incidents.timelineservice.ledger;

import io.incidents.events.notification.MessageChannel;
import io.incidents.events.notification.MessageParked;
import io.incidents.events.notification.NotificationEventTypes;
import io.incidents.support.events.PoisonRecordException;
import io.incidents.timelineservice.NotificationFeed;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationRecordsTest {

    private static final String INCIDENT = "7f1c2a4e-5b6d-4e8f-9a0b-1c2d3e4f5a6b";
    private static final MessageParked PARKED = new MessageParked(INCIDENT, "cause-1", 43, MessageChannel.EMAIL, "o…@example.com",
            "chat-initial", 301, "SMTP connect refused", Instant.parse("2026-03-15T09:26:53.589Z"));

    @Test
    void aRecordAsNotificationServicePublishesItIsReadWithItsCeId() {
        NotificationRecords.Read read = NotificationRecords.read(consumed(NotificationFeed.record(PARKED, "event-1")));

        assertThat(read.skip()).isNull();
        assertThat(read.event().eventId()).isEqualTo("event-1");
        assertThat(read.event().incidentId()).isEqualTo(INCIDENT);
        assertThat(read.event().type()).isEqualTo("MessageParked");
        assertThat(read.event().occurredAt()).isEqualTo(PARKED.parkedAt());
        assertThat(read.event().event()).isEqualTo(PARKED);
    }

    @Test
    void anotherSourceOrAnUnknownTypeIsSkippedNotParked() {
        String type = NotificationEventTypes.cloudEventType(MessageParked.class);

        assertThat(NotificationRecords.read(consumed(NotificationFeed.record(PARKED, "e", type, "/incident-service"))).skip())
                .isEqualTo(NotificationRecords.Skip.SOURCE);
        assertThat(NotificationRecords.read(consumed(NotificationFeed.record(PARKED, "e", "notification.MessageParked.v2",
                NotificationEventTypes.SOURCE))).skip()).isEqualTo(NotificationRecords.Skip.TYPE);
        ConsumerRecord<String, String> noHeaders = new ConsumerRecord<>(NotificationFeed.TOPIC, 0, 0, INCIDENT, "{}");
        assertThat(NotificationRecords.read(noHeaders).skip()).isEqualTo(NotificationRecords.Skip.SOURCE);
    }

    @Test
    void aRecordClaimingAKnownEventThatCannotBeOneIsPoison() {
        ProducerRecord<String, String> good = NotificationFeed.record(PARKED, "e");
        ProducerRecord<String, String> otherKey = new ProducerRecord<>(good.topic(), null, "another-incident", good.value(),
                good.headers());
        ProducerRecord<String, String> noTime = new ProducerRecord<>(good.topic(), null, INCIDENT,
                good.value().replace("\"parkedAt\":\"2026-03-15T09:26:53.589Z\"", "\"parkedAt\":null"), good.headers());
        ProducerRecord<String, String> noId = NotificationFeed.record(PARKED, " ");

        assertThatThrownBy(() -> NotificationRecords.read(consumed(otherKey))).isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("is not the event's incident");
        assertThatThrownBy(() -> NotificationRecords.read(consumed(noTime))).isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("no incidentId or no time");
        assertThatThrownBy(() -> NotificationRecords.read(consumed(noId))).isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("ce_id");
    }

    private static ConsumerRecord<String, String> consumed(ProducerRecord<String, String> sent) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(sent.topic(), 0, 0L, sent.key(), sent.value());
        sent.headers().forEach(header -> record.headers().add(header));
        return record;
    }
}
