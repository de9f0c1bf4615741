package io.incidents.support.security.apitokens;

import io.incidents.support.security.ApiTokens;
import io.incidents.support.security.IdentityProperties;
import io.incidents.support.security.Role;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenRecordsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final String TOKEN = "itk_first-token-for-the-records-test";
    private static final String OTHER_TOKEN = "itk_second-token-for-the-records-test";

    private final ApiTokens apiTokens = new ApiTokens(new IdentityProperties("roles", List.of(), List.of(), List.of(),
            Duration.ofSeconds(60), 5, 20, Duration.ofMinutes(1), null), Clock.fixed(NOW, ZoneOffset.UTC));
    private final TokenRecords records = new TokenRecords(apiTokens);
    private long offset;

    @Test
    void anIssuedTokenIsAcceptedWithItsRole() {
        records.apply(record("t-1", state("t-1", TOKEN, null, null).toJson()));

        assertThat(apiTokens.find(TOKEN)).hasValueSatisfying(token -> {
            assertThat(token.id()).isEqualTo("t-1");
            assertThat(token.name()).isEqualTo("ci deploy");
            assertThat(token.role()).isEqualTo(Role.RESPONDER);
        });
    }

    @Test
    void theLastStateWinsSoARevocationStopsTheToken() {
        records.apply(record("t-1", state("t-1", TOKEN, null, null).toJson()));
        records.apply(record("t-1", state("t-1", TOKEN, null, NOW.minusSeconds(1)).toJson()));

        assertThat(apiTokens.find(TOKEN)).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefused() {
        records.apply(record("t-1", state("t-1", TOKEN, NOW.minusMillis(1), null).toJson()));
        records.apply(record("t-2", state("t-2", OTHER_TOKEN, NOW.plusSeconds(60), null).toJson()));

        assertThat(apiTokens.find(TOKEN)).isEmpty();
        assertThat(apiTokens.find(OTHER_TOKEN)).isPresent();
    }

    @Test
    void aTombstoneStopsTheTokenItDeletes() {
        records.apply(record("t-1", state("t-1", TOKEN, null, null).toJson()));
        records.apply(record("t-1", null));

        assertThat(apiTokens.find(TOKEN)).isEmpty();
    }

    @Test
    void aNewHashForTheSameIdStopsTheOldOne() {
        records.apply(record("t-1", state("t-1", TOKEN, null, null).toJson()));
        records.apply(record("t-1", state("t-1", OTHER_TOKEN, null, null).toJson()));

        assertThat(apiTokens.find(TOKEN)).isEmpty();
        assertThat(apiTokens.find(OTHER_TOKEN)).isPresent();
    }

    @Test
    void recordsThatCannotBeTrustedAreSkippedAndTheFeedGoesOn() {
        records.apply(record("t-1", "not json"));
        records.apply(record("t-2", state("t-1", TOKEN, null, null).toJson()));
        records.apply(record(null, state("t-1", TOKEN, null, null).toJson()));
        records.apply(record("config:prometheus", state("config:prometheus", TOKEN, null, null).toJson()));
        records.apply(record("t-3", "{\"id\":\"t-3\",\"name\":\"x\",\"role\":\"OWNER\",\"sha256\":\""
                + ApiTokens.sha256(TOKEN) + "\"}"));
        records.apply(record("t-4", new TokenState("t-4", "x", Role.ADMIN, "abc", null, null).toJson()));

        assertThat(apiTokens.find(TOKEN)).isEmpty();

        records.apply(record("t-5", state("t-5", OTHER_TOKEN, null, null).toJson()));
        assertThat(apiTokens.find(OTHER_TOKEN)).isPresent();
    }

    private static TokenState state(String id, String token, Instant expiresAt, Instant revokedAt) {
        return new TokenState(id, "ci deploy", Role.RESPONDER, ApiTokens.sha256(token), expiresAt, revokedAt);
    }

    private ConsumerRecord<String, String> record(String key, String value) {
        return new ConsumerRecord<>("api-tokens", 0, offset++, key, value);
    }
}
