package io.incidents.browsersession;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServerSentEventsTest {

    @Test
    void readsTheDashboardsStreamAsSpringWritesIt() {
        List<ServerSentEvents.Event> events = read("""
                event:hello
                data:live
                retry:1500

                :keep-alive

                event:change
                data:bfebf1d6-f241-48cb-ad8d-216328dbd4e7

                event:resync
                data:*

                """);

        assertThat(events).containsExactly(
                new ServerSentEvents.Event("hello", "live"),
                new ServerSentEvents.Event("change", "bfebf1d6-f241-48cb-ad8d-216328dbd4e7"),
                new ServerSentEvents.Event("resync", "*"));
    }

    @Test
    void readsTheBoardsStreamWithItsTokensAndJson() {
        List<ServerSentEvents.Event> events = read("""
                event:hello
                data:live
                retry:1500

                id:m3x9q1-7
                event:changes
                data:{"ids":["bfebf1d6-f241-48cb-ad8d-216328dbd4e7"],"rows":""}

                :keep-alive

                id:m3x9q1-8
                event:resync
                data:*

                """);

        assertThat(events).containsExactly(
                new ServerSentEvents.Event("hello", "live"),
                new ServerSentEvents.Event("changes", "{\"ids\":[\"bfebf1d6-f241-48cb-ad8d-216328dbd4e7\"],\"rows\":\"\"}"),
                new ServerSentEvents.Event("resync", "*"));
    }

    @Test
    void oneSpaceAfterTheColonIsNotPartOfTheValueAndDataLinesJoinWithNewlines() {
        List<ServerSentEvents.Event> events = read("""
                event: change
                data: first
                data:  second
                data

                """);

        assertThat(events).containsExactly(new ServerSentEvents.Event("change", "first\n second\n"));
    }

    @Test
    void anEventWithoutNameIsAMessageAndTheNameDoesNotCarryOverToTheNextEvent() {
        List<ServerSentEvents.Event> events = read("""
                event:change
                data:a

                data:b

                """);

        assertThat(events).containsExactly(new ServerSentEvents.Event("change", "a"), new ServerSentEvents.Event("message", "b"));
    }

    @Test
    void nothingIsDispatchedBeforeTheBlankLineNorForAnEventWithoutData() {
        List<ServerSentEvents.Event> events = read("""
                event:change

                id:7
                event:change
                data:unfinished""");

        assertThat(events).isEmpty();
    }

    private static List<ServerSentEvents.Event> read(String stream) {
        ServerSentEvents parser = new ServerSentEvents();
        List<ServerSentEvents.Event> events = new ArrayList<>();
        stream.lines().forEach(line -> parser.line(line).ifPresent(events::add));
        // lines() drops a last empty line; a stream ending in a blank line still dispatches
        if (stream.endsWith("\n\n")) {
            parser.line("").ifPresent(events::add);
        }
        return events;
    }
}
