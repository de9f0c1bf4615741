package io.incidents.incidentservice.alerting;

import com.zaxxer.hikari.HikariDataSource;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The token buckets, in PostgreSQL: the arithmetic against a clock the test moves, and the limit
 * holding for a key whichever instance its alerts reach (the context's limiter and a second one on
 * a connection pool of its own, as another instance of the service would have).
 */
@IntegrationTest
class RateLimiterIntegrationTest {

    @Autowired
    RateLimiter limiter;
    @Autowired
    AlertingProperties properties;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSourceProperties dataSource;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final String key = "key-" + UUID.randomUUID().toString().substring(0, 8);
    private HikariDataSource otherPool;
    private RateLimiter otherInstance;

    @BeforeEach
    void anotherInstance() {
        otherPool = dataSource.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        otherInstance = new RateLimiter(properties, new RateLimitBuckets(new JdbcTemplate(otherPool)), Clock.systemUTC());
    }

    @AfterEach
    void closePool() {
        otherPool.close();
    }

    @Test
    void aKeyGetsItsBurstThenWaitsForTheRefillAndIsToldHowLong() {
        // 120 per minute (2 per second), payloads of up to 200 alerts: a bucket of 200
        RateLimiter limiter = limiter(120, 200);
        for (int i = 0; i < 200; i++) {
            assertThat(limiter.acquire(integration(key), 1)).isEmpty();
        }
        assertThat(limiter.acquire(integration(key), 1)).contains(Duration.ofMillis(500));
        assertThat(limiter.acquire(integration(key + "-other"), 1)).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.acquire(integration(key), 1)).isEmpty();
        assertThat(limiter.acquire(integration(key), 1)).isEmpty();
        assertThat(limiter.acquire(integration(key), 1)).isPresent();
    }

    @Test
    void aPayloadCostsItsFullCountTakenWholeOrRefusedWhole() {
        RateLimiter limiter = limiter(120, 200);
        assertThat(limiter.acquire(integration(key), 150)).isEmpty();
        // 50 left: 60 more would need 10 tokens, 5 seconds of refill; nothing is taken meanwhile
        assertThat(limiter.acquire(integration(key), 60)).contains(Duration.ofSeconds(5));
        assertThat(limiter.acquire(integration(key), 50)).isEmpty();
        assertThat(limiter.acquire(integration(key), 1)).isPresent();

        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.acquire(integration(key), 200)).contains(Duration.ofSeconds(40));
        clock.advance(Duration.ofSeconds(40));
        assertThat(limiter.acquire(integration(key), 200)).isEmpty();
    }

    @Test
    void batchingDoesNotBuyMoreThanTheBurstAMinute() {
        RateLimiter limiter = limiter(120, 200);
        int taken = 0;
        for (int i = 0; i < 10; i++) {
            taken += limiter.acquire(integration(key), 200).isEmpty() ? 200 : 0;
        }
        assertThat(taken).isEqualTo(200);
    }

    @Test
    void theBucketIsNeverSmallerThanTheRateNorThanAFullPayloadAndShrinksWithTheLimit() {
        RateLimiter fast = limiter(600, 200);
        assertThat(fast.acquire(integration(key), 200)).isEmpty();
        assertThat(fast.acquire(integration(key), 200)).isEmpty();
        assertThat(fast.acquire(integration(key), 200)).isEmpty();
        assertThat(fast.acquire(integration(key), 1)).contains(Duration.ofMillis(100));

        // the limit lowered: what the bucket held under the larger one is cut to the new capacity
        String lowered = key + "-lowered";
        assertThat(limiter(600, 600).acquire(integration(lowered), 1)).isEmpty();
        RateLimiter slow = limiter(60, 200);
        assertThat(slow.acquire(integration(lowered), 200)).isEmpty();
        assertThat(slow.acquire(integration(lowered), 1)).contains(Duration.ofSeconds(1));
    }

    @Test
    void aClockBehindTheLastRefillRefillsNothingAndMovesNothingBack() {
        clock.advance(Duration.ofNanos(123_456_789));
        RateLimiter limiter = limiter(120, 200);
        assertThat(limiter.acquire(integration(key), 200)).isEmpty();
        // kept to the microsecond, as PostgreSQL stores times
        assertThat(refilledAt(key)).isEqualTo(Instant.parse("2026-11-26T10:00:00.123456Z"));

        // another instance's clock, a little behind this one's
        clock.advance(Duration.ofSeconds(-2));
        assertThat(limiter.acquire(integration(key), 1)).contains(Duration.ofMillis(500));
        assertThat(refilledAt(key)).isEqualTo(Instant.parse("2026-11-26T10:00:00.123456Z"));
    }

    @Test
    void twoInstancesTakingAtOnceTakeNoMoreThanTheOneBucketHolds() throws Exception {
        // 1 a minute, so the refill while the test runs is a fraction of a token; the bucket holds a payload, 200.
        AlertingProperties.Integration integration = integration(key, 1);
        int capacity = properties.burst(integration);
        List<Callable<Boolean>> takes = new ArrayList<>();
        for (int i = 0; i < 2 * capacity; i++) {
            RateLimiter instance = i % 2 == 0 ? limiter : otherInstance;
            takes.add(() -> instance.acquire(integration, 1).isEmpty());
        }
        ExecutorService clients = Executors.newFixedThreadPool(8);
        long taken = 0;
        try {
            for (Future<Boolean> take : clients.invokeAll(takes)) {
                taken += take.get() ? 1 : 0;
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(capacity).isEqualTo(200);
        assertThat(taken).isEqualTo(capacity);
        assertThat(otherInstance.acquire(integration, 1)).isPresent();
        assertThat(limiter.acquire(integration, 1)).isPresent();
    }

    @Test
    void eachIntegrationHasABucketOfItsOwnSizedByItsLimit() {
        AlertingProperties.Integration fast = integration(key, 600);
        AlertingProperties.Integration usual = integration(key + "-usual", null);

        assertThat(limiter.acquire(fast, 200)).isEmpty();
        assertThat(otherInstance.acquire(fast, 200)).isEmpty();
        assertThat(limiter.acquire(fast, 200)).isEmpty();
        // 600 a minute: the next token in a tenth of a second at most
        assertThat(otherInstance.acquire(fast, 1)).hasValueSatisfying(wait ->
                assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(100)));

        assertThat(limiter.acquire(usual, 1)).isEmpty();
        assertThat(properties.burst(usual)).isEqualTo(Math.max(properties.rateLimitPerMinute(), properties.maxAlertsPerPayload()));
    }

    @Test
    void morePerPayloadThanTheBucketHoldsIsAProgrammingError() {
        AlertingProperties.Integration integration = integration(key, 1);
        assertThatThrownBy(() -> limiter.acquire(integration, properties.burst(integration) + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter.acquire(integration, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A limiter of the service's limit {@code perMinute} on the test's clock. */
    private RateLimiter limiter(int perMinute, int maxAlertsPerPayload) {
        AlertingProperties limits = new AlertingProperties(List.of(), perMinute, "alerts", "kafka", maxAlertsPerPayload, 20,
                Duration.ofMinutes(1));
        return new RateLimiter(limits, new RateLimitBuckets(jdbc), clock);
    }

    private Instant refilledAt(String integration) {
        return jdbc.queryForObject("SELECT refilled_at FROM alert_rate_bucket WHERE integration = ?", Timestamp.class,
                integration).toInstant();
    }

    private static AlertingProperties.Integration integration(String name) {
        return integration(name, null);
    }

    private static AlertingProperties.Integration integration(String name, Integer perMinute) {
        return new AlertingProperties.Integration(name, null, "checkout", true, perMinute);
    }
}
