package io.incidents.support.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class LocalStackAddressCheckTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LocalStackAddressCheck.class));

    @Test
    void theStackProfileStartsOnALoopbackAddress() {
        for (String address : new String[] {"127.0.0.1", "::1", "localhost"}) {
            context.withPropertyValues("spring.profiles.active=stack", "server.address=" + address)
                    .run(started -> assertThat(started).as(address).hasNotFailed());
        }
    }

    @Test
    void theStackProfileRefusesEveryInterfaceOrANetworkAddress() {
        context.withPropertyValues("spring.profiles.active=stack")
                .run(started -> assertThat(started).getFailure().rootCause().hasMessageContaining("server.address is not set"));
        for (String address : new String[] {"0.0.0.0", "::", "10.0.0.5", "no-such-host.invalid"}) {
            context.withPropertyValues("spring.profiles.active=stack", "server.address=" + address)
                    .run(started -> assertThat(started).as(address).getFailure().rootCause()
                            .hasMessageContaining("not on server.address=" + address));
        }
    }

    @Test
    void withoutTheStackProfileAnyAddressWillDo() {
        context.withPropertyValues("server.address=0.0.0.0").run(started -> assertThat(started).hasNotFailed());
    }
}
