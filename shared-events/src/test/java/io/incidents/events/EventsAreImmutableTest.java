package io.incidents.events;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventsAreImmutableTest {

    @Test
    void servicesListIsCopiedAndCannotBeChanged() {
        List<String> services = new ArrayList<>(List.of("checkout"));
        IncidentDeclared declared = new IncidentDeclared("i-1", "t", null, Severity.SEV2, services,
                IncidentSource.manual(), SampleEvents.AT);

        services.add("billing");

        assertThat(declared.services()).containsExactly("checkout");
        assertThatThrownBy(() -> declared.services().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void severityOrderPutsSev1First() {
        assertThat(Severity.SEV1.isMoreSevereThan(Severity.SEV2)).isTrue();
        assertThat(Severity.SEV3.isMoreSevereThan(Severity.SEV2)).isFalse();
        assertThat(Severity.SEV2.isMoreSevereThan(Severity.SEV2)).isFalse();
    }
}
