package io.incidents.incidentservice.incident;

import io.incidents.policy.SlaPolicy;
import org.axonframework.test.aggregate.AggregateTestFixture;

/** The aggregate's test fixture with what its handlers need injected. */
final class IncidentFixtures {

    private IncidentFixtures() {
    }

    /**
     * A fixture of its own, also for a second scenario in one test: deadlines scheduled by the
     * first must not leak into it.
     */
    static AggregateTestFixture<Incident> newFixture() {
        AggregateTestFixture<Incident> fixture = new AggregateTestFixture<>(Incident.class);
        fixture.registerInjectableResource(SlaPolicy.DEFAULT);
        return fixture;
    }
}
