package io.incidents.faults;

import io.incidents.browsersession.BrowserSession;
import io.incidents.browsersession.ServerSentEvents;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard's live updates reach a viewer whichever timeline-service instance serves the page:
 * a support agent logs in once (the session is in PostgreSQL, so it is good on every instance),
 * opens the board's stream on each instance, and an incident declared meanwhile must show up in
 * a {@code changes} event on both, although only one instance's consumer applied it (the others
 * hear of it through PostgreSQL {@code NOTIFY}).
 */
final class LiveUpdatesOnEither {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private LiveUpdatesOnEither() {
    }

    /** What was not as promised, in words; empty when both streams told of the new incident. */
    static List<String> check(FaultContext context, List<URI> timelines, String scenario, String marker) throws Exception {
        BrowserSession session = BrowserSession.login(timelines.get(0), "/", "support", "support",
                page -> page.contains("id=\"board-body\""));
        List<Stream> streams = new ArrayList<>();
        try {
            for (URI timeline : timelines) {
                streams.add(Stream.open(session, timeline));
            }
            String incident = context.api().declare(scenario, marker, "SEV3");
            if (incident == null) {
                throw new IllegalStateException("the live-update check's incident was not declared");
            }
            List<String> broken = new ArrayList<>();
            for (Stream stream : streams) {
                if (!stream.awaitChange(incident, PATIENCE)) {
                    broken.add("the board's stream on " + stream.instance + " did not tell of incident " + incident + " within "
                            + PATIENCE.toSeconds() + " s");
                } else {
                    Say.line("the board's stream on %s told of the new incident", stream.instance);
                }
            }
            return broken;
        } finally {
            streams.forEach(Stream::close);
        }
    }

    /** One open board stream, read on a thread of its own until it has told of the incident awaited. */
    private static final class Stream {
        private final URI instance;
        private final InputStream body;
        private final List<ServerSentEvents.Event> events = new CopyOnWriteArrayList<>();
        private final CountDownLatch changed = new CountDownLatch(1);
        private volatile String awaited;

        private Stream(URI instance, InputStream body) {
            this.instance = instance;
            this.body = body;
        }

        static Stream open(BrowserSession session, URI instance) throws IOException, InterruptedException {
            HttpResponse<InputStream> response = session.client().send(HttpRequest.newBuilder(instance.resolve("/ui/board/stream"))
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IllegalStateException("the board's stream on " + instance + " answered " + response.statusCode());
            }
            Stream stream = new Stream(instance, response.body());
            Thread reader = new Thread(stream::read, "board-stream-" + instance.getPort());
            reader.setDaemon(true);
            reader.start();
            return stream;
        }

        boolean awaitChange(String incident, Duration patience) throws InterruptedException {
            awaited = incident;
            if (told(incident)) {
                return true;
            }
            return changed.await(patience.toMillis(), TimeUnit.MILLISECONDS) || told(incident);
        }

        private boolean told(String incident) {
            return events.stream().anyMatch(event -> event.name().equals("changes") && event.data().contains(incident));
        }

        private void read() {
            ServerSentEvents parser = new ServerSentEvents();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Optional<ServerSentEvents.Event> event = parser.line(line);
                    if (event.isPresent()) {
                        events.add(event.get());
                        if (awaited != null && told(awaited)) {
                            changed.countDown();
                        }
                    }
                }
            } catch (IOException e) {
                // closed: the check is over, or the instance went away (the check then fails by itself)
            }
        }

        void close() {
            try {
                body.close();
            } catch (IOException e) {
                // nothing to do: the stream is gone either way
            }
        }
    }
}
