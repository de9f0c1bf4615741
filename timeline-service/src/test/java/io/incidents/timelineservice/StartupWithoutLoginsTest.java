package io.incidents.timelineservice;

import io.incidents.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outside the local stack, a service nobody could log in to must not start: it says what to set instead. */
class StartupWithoutLoginsTest {

    @Test
    void aServiceWithNoIdentityProviderUsersOrTokensRefusesToStartAndSaysWhatToSet() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        SpringApplicationBuilder application = new SpringApplicationBuilder(TimelineServiceApplication.class);

        assertThatThrownBy(() -> application.run(
                "--server.port=0",
                "--spring.datasource.url=" + infrastructure.newDatabase("timeline_without_logins"),
                "--spring.datasource.username=" + infrastructure.user(),
                "--spring.datasource.password=" + infrastructure.password(),
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers()))
                .rootCause()
                .hasMessageContaining("Nobody could log in")
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri")
                .hasMessageContaining("incidents.security.users[0]")
                .hasMessageContaining("incidents.security.tokens[0]");
    }
}
