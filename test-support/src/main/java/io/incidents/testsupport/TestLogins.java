package io.incidents.testsupport;

import org.springframework.boot.test.web.client.TestRestTemplate;

/** The logins of {@code incidents-test-logins.yml}, one per role, and the API token. */
public final class TestLogins {

    public record Login(String username, String password) {
        public TestRestTemplate on(TestRestTemplate rest) {
            return rest.withBasicAuth(username, password);
        }
    }

    public static final Login RESPONDER = new Login("alice", "responder-secret");
    public static final Login VIEWER = new Login("victor", "test-secret");
    public static final Login ADMIN = new Login("ada", "test-secret");
    public static final Login METRICS = new Login("prometheus", "test-secret");
    /** A configured API token with the RESPONDER role. */
    public static final String RESPONDER_API_TOKEN = "itk_test-responder-token-0123456789abcdef";

    private TestLogins() {
    }
}
