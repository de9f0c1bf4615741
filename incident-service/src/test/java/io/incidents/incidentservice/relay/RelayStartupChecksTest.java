package io.incidents.incidentservice.relay;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A JDBC socket timeout that would cut the waits behind the relay's broker acknowledgements stops the start. */
class RelayStartupChecksTest {

    private static final RelayProperties RELAY = new RelayProperties("incident-events", 6, (short) 1, 1,
            Duration.ofSeconds(40), Duration.ofMinutes(5));

    @Test
    void aSocketTimeoutNoLongerThanTheSendTimeoutIsRefused() {
        assertThatThrownBy(() -> check(pool("40"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("socketTimeout (PT40S)").hasMessageContaining("incidents.relay.send-timeout (PT40S)");
    }

    @Test
    void aLongerSocketTimeoutOrNoneIsAccepted() {
        assertThatCode(() -> check(pool("60"))).doesNotThrowAnyException();
        assertThatCode(() -> check(pool(null))).as("PgJDBC's default: no socket timeout").doesNotThrowAnyException();
    }

    private static void check(HikariDataSource pool) throws Exception {
        try (pool) {
            new RelayConfiguration().relaySocketTimeoutCheck(RELAY, pool).afterPropertiesSet();
        }
    }

    /** Never connected: only its settings are read. */
    private static HikariDataSource pool(String socketTimeoutSeconds) {
        HikariDataSource pool = new HikariDataSource();
        if (socketTimeoutSeconds != null) {
            pool.addDataSourceProperty("socketTimeout", socketTimeoutSeconds);
        }
        return pool;
    }
}
