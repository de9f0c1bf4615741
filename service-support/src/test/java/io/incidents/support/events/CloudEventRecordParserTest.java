package io.incidents.support.events;

import io.incidents.events.CloudEventHeaders;
import io.incidents.events.EventJson;
import io.incidents.events.EventTypes;
import io.incidents.events.IncidentAcknowledged;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventRecordParserTest {

    private static final String INCIDENT = "5a0d2c1e-0000-4000-8000-000000000009";
    private static final IncidentAcknowledged EVENT = new IncidentAcknowledged(INCIDENT, "alice", Instant.parse("2026-11-26T10:00:00Z"));

    @Test
    void aRecordFromIncidentServiceIsRead() {
        StoredEvent stored = CloudEventRecordParser.parse(record(EventTypes.SOURCE));

        assertThat(stored.event()).isEqualTo(EVENT);
        assertThat(stored.sequence()).isEqualTo(3);
    }

    @Test
    void aRecordFromAnyOtherSourceIsPoisonOnlyIncidentServiceWritesTheTopic() {
        assertThatThrownBy(() -> CloudEventRecordParser.parse(record("/somebody-else")))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("ce_source is /somebody-else");
        assertThatThrownBy(() -> CloudEventRecordParser.parse(record(null)))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("ce_source");
    }

    private static ConsumerRecord<String, String> record(String source) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, CloudEventHeaders.ID, "e-1");
        add(headers, CloudEventHeaders.TYPE, EventTypes.cloudEventType(IncidentAcknowledged.class));
        add(headers, CloudEventHeaders.SEQUENCE, "3");
        if (source != null) {
            add(headers, CloudEventHeaders.SOURCE, source);
        }
        return new ConsumerRecord<>("incident-events", 0, 0L, ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, INCIDENT, EventJson.write(EVENT), headers, Optional.empty());
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
