package io.incidents.support.audit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/** The audit log in the service's own database, and its ADMIN endpoint. */
@AutoConfiguration(after = JdbcTemplateAutoConfiguration.class)
@Import(AuditController.class)
public class AuditConfiguration {

    @Bean
    AuditLog auditLog(JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
        return new AuditLog(jdbc, clock.getIfAvailable(Clock::systemUTC));
    }
}
