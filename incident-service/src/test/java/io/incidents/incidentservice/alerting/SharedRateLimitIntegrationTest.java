package io.incidents.incidentservice.alerting;

import com.zaxxer.hikari.HikariDataSource;
import io.incidents.testsupport.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
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
 * The rate limit holds for a key whichever instance its alerts reach: this context's limiter and
 * a second one on a connection pool of its own (as another instance of the service would have)
 * draw on one bucket in PostgreSQL.
 */
@IntegrationTest
class SharedRateLimitIntegrationTest {

    @Autowired
    RateLimiter limiter;
    @Autowired
    AlertingProperties properties;
    @Autowired
    DataSourceProperties dataSource;

    private HikariDataSource otherPool;
    private RateLimiter otherInstance;

    @BeforeEach
    void anotherInstance() {
        otherPool = dataSource.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        otherInstance = new RateLimiter(properties, new RateLimitBuckets(new JdbcTemplate(otherPool),
                new TransactionTemplate(new DataSourceTransactionManager(otherPool))), Clock.systemUTC());
    }

    @AfterEach
    void closePool() {
        otherPool.close();
    }

    @Test
    void twoInstancesTakingAtOnceTakeNoMoreThanTheOneBucketHolds() throws Exception {
        // 1 a minute, so the refill while the test runs is a fraction of a token; the bucket holds a payload, 200.
        AlertingProperties.Integration integration = integration(1);
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
        AlertingProperties.Integration fast = integration(600);
        AlertingProperties.Integration usual = integration(null);

        assertThat(limiter.acquire(fast, 200)).isEmpty();
        assertThat(otherInstance.acquire(fast, 200)).isEmpty();
        assertThat(limiter.acquire(fast, 200)).isEmpty();
        // 600 a minute: the next token in a tenth of a second
        assertThat(otherInstance.acquire(fast, 1)).hasValueSatisfying(wait ->
                assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(100)));

        assertThat(limiter.acquire(usual, 1)).isEmpty();
        assertThat(properties.burst(usual)).isEqualTo(Math.max(properties.rateLimitPerMinute(), properties.maxAlertsPerPayload()));
    }

    @Test
    void morePerPayloadThanTheBucketHoldsIsAProgrammingError() {
        AlertingProperties.Integration integration = integration(1);
        assertThatThrownBy(() -> limiter.acquire(integration, properties.burst(integration) + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter.acquire(integration, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static AlertingProperties.Integration integration(Integer perMinute) {
        return new AlertingProperties.Integration("shared-" + UUID.randomUUID().toString().substring(0, 8), null, "checkout",
                true, perMinute);
    }
}
