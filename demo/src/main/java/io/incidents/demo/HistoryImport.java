package io.incidents.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Sends the history to {@code POST /api/v1/admin/imports}, in parts, as an ADMIN. */
final class HistoryImport {

    /** Well under the endpoint's cap of 1000 incidents and 10 MB: each part is answered in seconds. */
    static final int PART = 100;

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    record Result(int imported, int alreadyPresent) {
    }

    private final Api api;
    private final DemoOptions options;

    HistoryImport(Api api, DemoOptions options) {
        this.api = api;
        this.options = options;
    }

    static String body(List<PastIncident> incidents) {
        try {
            return JSON.writeValueAsString(Map.of("incidents", incidents));
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the history", e);
        }
    }

    /** @throws IllegalStateException when the service refuses a part; the parts before it stay imported */
    Result send(List<PastIncident> incidents) {
        int imported = 0;
        int present = 0;
        for (int from = 0; from < incidents.size(); from += PART) {
            List<PastIncident> part = incidents.subList(from, Math.min(incidents.size(), from + PART));
            Api.Answer answer = api.post(options.incidentService(), "/api/v1/admin/imports",
                    Map.of("Authorization", options.admin().header(), "X-Correlation-Id", "demo-history-" + (from / PART + 1)),
                    body(part), Duration.ofMinutes(5));
            if (!answer.ok()) {
                throw new IllegalStateException("the import answered " + answer.status() + ": " + answer.body());
            }
            imported += answer.body().path("imported").asInt();
            present += answer.body().path("alreadyPresent").asInt();
            Say.say("history: %d of %d past incidents sent (%d new so far)", from + part.size(), incidents.size(), imported);
        }
        return new Result(imported, present);
    }
}
