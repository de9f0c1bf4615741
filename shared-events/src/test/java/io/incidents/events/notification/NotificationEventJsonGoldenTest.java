package io.incidents.events.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidents.events.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON of every {@code notification-events} event is a contract with timeline-service and any other reader. */
class NotificationEventJsonGoldenTest {

    private static final String INCIDENT = "7f1c2a4e-5b6d-4e8f-9a0b-1c2d3e4f5a6b";
    private static final String CAUSE = "0b9e6c1d-2f3a-4b5c-8d7e-6f5a4b3c2d1e";
    private static final Instant AT = Instant.parse("2026-03-14T09:26:53.589Z");

    private final ObjectMapper mapper = EventJson.newMapper();

    static List<NotificationEvent> samples() {
        return List.of(
                new LevelTold(INCIDENT, CAUSE, 1, "on-call engineer", List.of("Alice Example"), OnCallSource.SCHEDULE,
                        "5e7d9c1b-3a2f-4e6d-8c0b-9a1f2e3d4c5b", AT),
                new MessageDelivered(INCIDENT, CAUSE, 42, MessageChannel.CHAT, "Platform on-call", "chat-initial", 1, AT),
                new MessageFailed(INCIDENT, CAUSE, 43, MessageChannel.EMAIL, "o…@example.com", "chat-initial", 1,
                        "SMTP connect refused", false, AT.plusSeconds(2), AT),
                new MessageParked(INCIDENT, CAUSE, 43, MessageChannel.EMAIL, "o…@example.com", "chat-initial", 301,
                        "SMTP connect refused", AT.plusSeconds(86_400)),
                new MessageRequeued(INCIDENT, CAUSE, 43, MessageChannel.EMAIL, "o…@example.com", "chat-initial",
                        MessageRequeued.Reason.OPERATOR_RETRY, AT.plusSeconds(90_000)),
                new StatusPosted(INCIDENT, CAUSE, StatusPostKind.IDENTIFIED, "Checkout errors", List.of("Checkout"),
                        "We have identified the cause and are working on a fix.", AT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void serialisedFormMatchesItsGoldenFile(NotificationEvent event) throws IOException {
        String json = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(event);

        assertThat(json.strip()).isEqualTo(golden(event.getClass()).strip());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void goldenFileReadsBackAsTheSameEvent(NotificationEvent event) throws IOException {
        assertThat(EventJson.read(golden(event.getClass()), event.getClass())).isEqualTo(event);
    }

    @Test
    void everyEventTypeHasASample() {
        assertThat(samples().stream().map(Object::getClass).toList())
                .containsExactlyInAnyOrderElementsOf(NotificationEventTypes.ALL);
    }

    @Test
    void cloudEventTypeNamesTheEventAndItsRevisionUnderItsOwnPrefix() {
        assertThat(NotificationEventTypes.cloudEventType(StatusPosted.class)).isEqualTo("notification.StatusPosted.v1");
        assertThat(NotificationEventTypes.forCloudEventType("notification.LevelTold.v1")).contains(LevelTold.class);
        assertThat(NotificationEventTypes.forCloudEventType("incident.IncidentDeclared.v1")).isEmpty();
    }

    private static String golden(Class<?> type) throws IOException {
        String path = "/golden/notification/" + type.getSimpleName() + ".json";
        try (InputStream in = NotificationEventJsonGoldenTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
