package io.incidents.timelineservice.dashboard;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The fan-out of live changes to open pages, without a database: batches are handed in directly. */
@Timeout(30) // a send that blocks the relaying thread would hang these tests, not fail them
class LiveUpdatesTest {

    private final CountDownLatch unstick = new CountDownLatch(1);
    private final List<String> receivedByReader = new CopyOnWriteArrayList<>();
    private final LiveUpdates live = new LiveUpdates(nowhere(), new DashboardProperties(URI.create("http://localhost:1"),
            URI.create("http://localhost:1"), Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMillis(500))) {
        private int made;

        /** The first page never reads its stream (a laptop shut mid-stream); the second reads everything. */
        @Override
        SseEmitter newEmitter(long timeoutMillis) {
            boolean stuck = made++ == 0;
            return new SseEmitter(timeoutMillis) {
                @Override
                public void send(SseEventBuilder event) throws IOException {
                    if (stuck) {
                        awaitUnstuck();
                    } else {
                        receivedByReader.add(event.build().stream().map(part -> String.valueOf(part.getData()))
                                .collect(Collectors.joining()));
                    }
                }
            };
        }
    };

    @AfterEach
    void stop() {
        unstick.countDown();
        live.stop();
    }

    @Test
    void aPageThatStopsReadingHoldsUpNoOtherAndIsEndedOnceFarBehind() {
        live.start();
        live.subscribe(changes -> "stuck " + changes.ids(), null);
        live.subscribe(changes -> "batch " + changes.ids(), null);

        int batches = LiveUpdates.MAX_BEHIND + 5;
        for (int i = 0; i < batches; i++) {
            live.sendBatch(Set.of("incident-" + i));
            // Paced as batches come (one per live interval at most): the reading page keeps up.
            long sent = i + 1;
            await().atMost(Duration.ofSeconds(5)).until(() -> receivedByReader.stream().filter(text -> text.contains("batch")).count()
                    == sent);
        }

        assertThat(receivedByReader).anyMatch(text -> text.contains("event:changes") && text.contains("batch [incident-0]"));
        assertThat(live.openStreams()).as("the page that stopped reading was ended").isEqualTo(1);
    }

    @Test
    void aPageReconnectingIsSentWhatItMissedInOneEvent() {
        live.start();
        live.subscribe(changes -> "ignored", null);
        String seen = live.current();
        live.sendBatch(Set.of("a"));
        live.sendBatch(Set.of("b"));

        live.subscribe(changes -> "missed " + changes.ids().stream().sorted().toList(), seen);

        await().atMost(Duration.ofSeconds(5)).until(() -> receivedByReader.stream().anyMatch(text -> text.contains("missed [a, b]")));
        assertThat(receivedByReader.get(0)).as("hello first").contains("event:hello");
    }

    private void awaitUnstuck() {
        try {
            unstick.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** No database: the listening thread only retries in the background; these tests hand batches in. */
    private static DataSourceProperties nowhere() {
        DataSourceProperties database = new DataSourceProperties();
        database.setUrl("jdbc:postgresql://127.0.0.1:1/nowhere");
        database.setUsername("nobody");
        return database;
    }
}
