package io.incidents.incidentservice.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidents.support.security.SecurityConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The baseline of the benchmark's alert-ingest workload (docs/performance.md): a PagerDuty event
 * posted to {@value #PATH} is parsed as JSON and answered 202 with the body {@code /v2/enqueue}
 * gives, and nothing else happens: no key check, rate limit, deduplication or alert stream. The
 * difference from {@code /v2/enqueue} in the same JVM is what ingesting an alert costs. Off unless
 * {@code incidents.bench.baseline-endpoint=true} (only {@code ./stack bench}'s own stack sets it);
 * public like {@code /v2/enqueue}, which it stands in for.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "incidents.bench.baseline-endpoint", havingValue = "true")
class ParseOnlyEnqueue {

    static final String PATH = "/bench/v2/enqueue";

    /** Before the service's own chains, which refuse every path they do not know. */
    @Bean
    @Order(0)
    SecurityFilterChain parseOnlyEnqueueIsPublic(HttpSecurity http) throws Exception {
        return SecurityConfiguration.publicChain(http, PATH);
    }

    /** Found by the component scan, under the same condition. */
    @RestController
    @ConditionalOnProperty(name = "incidents.bench.baseline-endpoint", havingValue = "true")
    static class Endpoint {

        private final ObjectMapper json;

        Endpoint(ObjectMapper json) {
            this.json = json;
        }

        @PostMapping(PATH)
        ResponseEntity<Map<String, Object>> enqueue(@RequestBody(required = false) byte[] body) {
            Map<String, Object> answer = new LinkedHashMap<>();
            JsonNode event;
            try {
                event = body == null ? null : json.readTree(body);
            } catch (IOException e) {
                event = null;
            }
            if (event == null || !event.isObject()) {
                answer.put("status", "invalid event");
                answer.put("message", "Event object is invalid");
                return ResponseEntity.badRequest().body(answer);
            }
            answer.put("status", "success");
            answer.put("message", "Event processed");
            answer.put("dedup_key", event.path("dedup_key").asText(null));
            return ResponseEntity.accepted().body(answer);
        }
    }
}
