package io.incidents.timelineservice.dashboard;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The one context shared by the tests of the dashboard's pages that call the other services (each
 * extends this and is annotated {@code @IntegrationTest}): incident-service and notification-service
 * are two recording stubs, so each call can be checked and each service can fail on its own, and the
 * service reads a topic of its own. The stubs live as long as the cached context: they are reset
 * before each test, never closed. Not the context of the other integration tests: those classes
 * cannot share this superclass (a {@code @DynamicPropertySource} shares a context only when
 * inherited from one class), and these tests declare open incidents whose SLA clocks run out during
 * the build, which the read API's breach metrics must not see, and leave live streams open.
 */
@TestPropertySource(properties = "incidents.timeline.topic=" + DashboardPagesContext.TOPIC)
public abstract class DashboardPagesContext {

    public static final String TOPIC = "it-dashboard-pages";

    protected static final StubCommandApi incidents = new StubCommandApi();
    protected static final StubCommandApi notifications = new StubCommandApi();

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("incidents.dashboard.incident-service-url", incidents::url);
        registry.add("incidents.dashboard.notification-service-url", notifications::url);
    }

    @BeforeEach
    void resetTheStubs() {
        incidents.reset();
        notifications.reset();
    }
}
