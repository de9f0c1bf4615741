package io.incidents.support.events;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.KafkaException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.net.ConnectException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    @Test
    void whatTheDatabaseOrBrokerBeingAwayLooksLikeIsAnOutage() {
        assertThat(Failures.isOutage(new CannotGetJdbcConnectionException("no connection", new SQLException("refused", "08001"))))
                .isTrue();
        assertThat(Failures.isOutage(new CannotCreateTransactionException("no transaction"))).isTrue();
        assertThat(Failures.isOutage(new CannotAcquireLockException("deadlock", new SQLException("deadlock", "40P01")))).isTrue();
        assertThat(Failures.isOutage(new RuntimeException("wrapped", new SQLException("terminating connection", "57P01"))))
                .as("the server restarting").isTrue();
        assertThat(Failures.isOutage(new RuntimeException("wrapped", new SQLException("could not serialize", "40001")))).isTrue();
        assertThat(Failures.isOutage(new KafkaException("send failed", new ConnectException("refused")))).isTrue();
        assertThat(Failures.isOutage(new RuntimeException("wrapped", new SQLException("Connection is closed"))))
                .as("the pool's broken connection, without a SQLSTATE").isTrue();
        assertThat(Failures.isOutage(new KafkaException("send failed",
                new org.apache.kafka.common.errors.TimeoutException("no broker")))).isTrue();
    }

    @Test
    void theDatabaseIsUnreachableOnlyWhenItsConnectionSaysSo() {
        assertThat(Failures.isDatabaseUnreachable(new CannotGetJdbcConnectionException("no connection",
                new SQLException("refused", "08001")))).isTrue();
        assertThat(Failures.isDatabaseUnreachable(new CannotCreateTransactionException("no transaction"))).isTrue();
        assertThat(Failures.isDatabaseUnreachable(new RuntimeException("wrapped", new SQLException("restarting", "57P01"))))
                .isTrue();
        assertThat(Failures.isDatabaseUnreachable(new DataAccessResourceFailureException("Spring files 54xxx here",
                new SQLException("index row size 6008 exceeds maximum 2712", "54000"))))
                .as("a request that can never be stored is no outage to retry").isFalse();
        assertThat(Failures.isDatabaseUnreachable(new CannotAcquireLockException("deadlock", new SQLException("deadlock", "40P01"))))
                .isFalse();
    }

    @Test
    void whatFailsTheSameWayEveryTimeIsTheRecordsOwn() {
        assertThat(Failures.isOutage(new DataIntegrityViolationException("constraint",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(Failures.isOutage(new DataAccessResourceFailureException("Spring files 54xxx here",
                new SQLException("index row size 6008 exceeds maximum 2712", "54000"))))
                .as("the database's SQLSTATE outranks Spring's wrapper").isFalse();
        assertThat(Failures.isOutage(new NullPointerException("severity"))).isFalse();
        assertThat(Failures.isOutage(new IllegalArgumentException("unknown template"))).isFalse();
        assertThat(Failures.isOutage(new RuntimeException("listener failed", new PoisonRecordException("unreadable"))))
                .as("unreadable, whatever wraps it").isFalse();
    }
}
