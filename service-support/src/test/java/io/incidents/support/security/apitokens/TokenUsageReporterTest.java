package io.incidents.support.security.apitokens;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TokenUsageReporterTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private final Map<String, Instant> uses = new HashMap<>();

    @Test
    void reportsEachIssuedTokensLastUseButNotConfiguredTokens() {
        MockProducer<String, String> producer = new MockProducer<>(true, new StringSerializer(), new StringSerializer());
        TokenUsageReporter reporter = reporter(producer);
        uses.put("t-1", T0);
        uses.put("config:prometheus", T0);

        assertThat(reporter.report()).isEqualTo(1);

        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo("api-token-usage");
            assertThat(record.key()).isEqualTo("t-1");
            assertThat(TokenUse.fromJson(record.value())).isEqualTo(new TokenUse("t-1", T0, "timeline-service"));
        });
        assertThat(reporter.report()).as("nothing new to report").isZero();
    }

    @Test
    void usesThatCouldNotBeSentAreReportedInTheNextRoundWithTheLatestTime() {
        MockProducer<String, String> producer = new MockProducer<>(true, new StringSerializer(), new StringSerializer());
        TokenUsageReporter reporter = reporter(producer);
        uses.put("t-1", T0);
        producer.sendException = new TimeoutException("broker away");

        assertThat(reporter.report()).isZero();

        producer.sendException = null;
        uses.put("t-1", T0.plusSeconds(30));
        uses.put("t-2", T0.plusSeconds(10));
        assertThat(reporter.report()).isEqualTo(2);

        assertThat(producer.history()).extracting(record -> TokenUse.fromJson(record.value()))
                .containsExactlyInAnyOrder(new TokenUse("t-1", T0.plusSeconds(30), "timeline-service"),
                        new TokenUse("t-2", T0.plusSeconds(10), "timeline-service"));
    }

    private TokenUsageReporter reporter(MockProducer<String, String> producer) {
        TokenUsageReporter reporter = new TokenUsageReporter(() -> {
            Map<String, Instant> copy = Map.copyOf(uses);
            uses.clear();
            return copy;
        }, () -> producer, "api-token-usage", "timeline-service", Duration.ofHours(1));
        reporter.start();
        return reporter;
    }
}
