package io.incidents.timelineservice;

import io.incidents.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * incidents.security.anonymous-role: callers without a login get that role, and no more. A
 * security setting the other tests must not have (their access matrix expects anonymous callers
 * refused), so this class has a context of its own; it reads a topic of its own too, so that
 * context does not also consume (and park on the dead-letter topic) what the shared one's tests publish.
 */
@IntegrationTest
@TestPropertySource(properties = {"incidents.security.anonymous-role=VIEWER", "incidents.timeline.topic=it-anonymous-access"})
class AnonymousAccessIntegrationTest {

    @Autowired
    TestRestTemplate rest;

    @Test
    void anonymousCallersReadLikeAViewerButReachNothingMore() {
        assertThat(rest.getForEntity("/api/v1/incidents?size=20", String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(rest.getForEntity("/api/v1/admin/audit", String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(rest.getForEntity("/actuator/prometheus", String.class).getStatusCode().value()).isEqualTo(401);
    }
}
