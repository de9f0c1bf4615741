package io.incidents.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON form of every event is a contract with the event store and every Kafka consumer:
 * a change to it must be deliberate (a new revision or an upcaster), never an accident.
 */
class EventJsonGoldenTest {

    private final ObjectMapper mapper = EventJson.newMapper();

    static List<IncidentEvent> samples() {
        return SampleEvents.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void serialisedFormMatchesItsGoldenFile(IncidentEvent event) throws IOException {
        String json = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(event);

        assertThat(json.strip()).isEqualTo(golden(event.getClass()).strip());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void goldenFileReadsBackAsTheSameEvent(IncidentEvent event) throws IOException {
        IncidentEvent read = mapper.readValue(golden(event.getClass()), event.getClass());

        assertThat(read).isEqualTo(event);
    }

    @Test
    void everyEventTypeHasASample() {
        assertThat(samples().stream().map(Object::getClass).collect(Collectors.toList()))
                .containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
    }

    @Test
    void unknownFieldsFromANewerWriterAreIgnored() {
        String newer = "{\"incidentId\":\"i-1\",\"acknowledgedBy\":\"alice\","
                + "\"acknowledgedAt\":\"2026-03-14T09:30:05Z\",\"channel\":\"slack\"}";

        IncidentAcknowledged read = EventJson.read(newer, IncidentAcknowledged.class);

        assertThat(read.acknowledgedBy()).isEqualTo("alice");
        assertThat(read.acknowledgedAt()).hasToString("2026-03-14T09:30:05Z");
    }

    @Test
    void aDeclarationWrittenBeforeDetectionWasRecordedIsDetectedWhenDeclared() {
        String older = "{\"incidentId\":\"i-1\",\"title\":\"Checkout failing\",\"severity\":\"SEV2\","
                + "\"services\":[\"checkout\"],\"source\":{\"type\":\"MANUAL\"},\"declaredAt\":\"2026-03-14T09:30:00Z\"}";

        IncidentDeclared read = EventJson.read(older, IncidentDeclared.class);

        assertThat(read.detectedAt()).isNull();
        assertThat(read.detection()).hasToString("2026-03-14T09:30:00Z");
    }

    @Test
    void instantsAreWrittenAsIsoUtc() {
        String json = EventJson.write(new IncidentReopened("i-1", "again", SampleEvents.AT));

        assertThat(json).contains("\"reopenedAt\":\"2026-03-14T09:26:53.589Z\"");
    }

    @Test
    void cloudEventTypeNamesTheEventAndItsRevision() {
        assertThat(EventTypes.cloudEventType(IncidentDeclared.class)).isEqualTo("incident.IncidentDeclared.v1");
        assertThat(EventTypes.forCloudEventType("incident.RollbackFailed.v1")).contains(RollbackFailed.class);
        assertThat(EventTypes.forCloudEventType("incident.Unknown.v1")).isEmpty();
    }

    private static String golden(Class<?> type) throws IOException {
        String path = "/golden/" + type.getSimpleName() + ".json";
        try (InputStream in = EventJsonGoldenTest.class.getResourceAsStream(path)) {
            assertThat(in).as("golden file %s", path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
