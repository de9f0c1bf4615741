package io.incidents.notificationservice.oncall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidents.events.EventJson;
import io.incidents.notificationservice.oncall.OnCallEvent.ActiveWindow;
import io.incidents.notificationservice.oncall.OnCallEvent.Cadence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each on-call event's stored JSON, against a golden file: the rows in {@code oncall_event} are
 * kept forever, so an accidental change of a name or a format must fail here.
 */
class OnCallEventJsonTest {

    private static final ObjectMapper JSON = EventJson.newMapper();

    static List<OnCallEvent> events() {
        return List.of(
                new OnCallEvent.PersonSaved("alice", "Alice Smith", "alice@example.com", "https://hooks.example/services/T0/B0/x"),
                new OnCallEvent.ScheduleCreated("5d0c1c56-0d5b-4f27-9a4e-2f6c2b1a3e11", 1, "Platform on-call", "Europe/Berlin", "tok_3xAmpl3"),
                new OnCallEvent.ScheduleRetired("5d0c1c56-0d5b-4f27-9a4e-2f6c2b1a3e11", Instant.parse("2026-06-01T00:00:00Z")),
                new OnCallEvent.RotationDefined("5d0c1c56-0d5b-4f27-9a4e-2f6c2b1a3e11", "weekly", 2, Instant.parse("2026-03-23T08:00:00Z"), 1,
                        List.of("alice", "bob", "carol", "dave"), LocalDateTime.parse("2026-03-02T09:00"), Cadence.WEEKS, 1, 1,
                        List.of(new ActiveWindow(List.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(20, 0), LocalTime.of(8, 0)))),
                new OnCallEvent.RotationRetired("5d0c1c56-0d5b-4f27-9a4e-2f6c2b1a3e11", "weekly", Instant.parse("2026-05-04T07:00:00Z")),
                new OnCallEvent.OverrideAdded("5d0c1c56-0d5b-4f27-9a4e-2f6c2b1a3e11", "b3f1", Instant.parse("2026-03-08T17:00:00Z"),
                        Instant.parse("2026-03-10T08:00:00Z"), "zoe", "Alice at a conference"),
                new OnCallEvent.OverrideWithdrawn("5d0c1c56-0d5b-4f27-9a4e-2f6c2b1a3e11", "b3f1", Instant.parse("2026-03-09T00:00:00Z")),
                new OnCallEvent.HandOffNoted("5d0c1c56-0d5b-4f27-9a4e-2f6c2b1a3e11", Instant.parse("2026-03-02T08:00:00Z"), "alice",
                        "db-2 disk alert is noisy;\nsilenced until Friday", Instant.parse("2026-03-09T07:30:00Z")));
    }

    @ParameterizedTest
    @MethodSource("events")
    void eachEventIsStoredAsItsGoldenJson_andReadBack(OnCallEvent event) throws Exception {
        String type = OnCallEvent.typeOf(event);
        JsonNode golden = JSON.readTree(ResearchCasesTest.golden("oncall/events/" + type + ".json"));

        assertThat(JSON.readTree(JSON.writeValueAsString(event))).isEqualTo(golden);
        assertThat(JSON.treeToValue(golden, OnCallEvent.typeNamed(type))).isEqualTo(event);
    }

    @Test
    void everyEventTypeIsCoveredHere() {
        assertThat(events()).extracting(OnCallEvent::typeOf).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(OnCallEvent.class.getPermittedSubclasses()).map(Class::getSimpleName).toList());
    }
}
