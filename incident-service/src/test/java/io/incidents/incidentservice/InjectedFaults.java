package io.incidents.incidentservice;

import io.incidents.incidentservice.alerting.AnotherInstance;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The faults tests inject, together: a broker that refuses records ({@link FlakyKafka}) and
 * another instance racing for an alert's incident ({@link AnotherInstance}). Each stays off
 * until a test turns it on, and each test turns it off again, so every class that needs either
 * imports this one configuration and they all share one cached context.
 */
@TestConfiguration
@Import({FlakyKafka.class, AnotherInstance.class})
public class InjectedFaults {
}
