package io.incidents.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An HTTP Basic login of the local stack (SPEC section 9); they exist only there. */
record BasicLogin(String username, String password) implements Credentials {

    /** May issue and revoke API tokens (the workloads' own, for their commands and reads). */
    static final BasicLogin ADMIN = new BasicLogin("admin", "admin");
    /** May only read: what a support engineer at the dashboard uses. */
    static final BasicLogin VIEWER = new BasicLogin("support", "support");
    /** Shows that a login is checked at all; one failure stays far below the login throttle. */
    static final BasicLogin WRONG_PASSWORD = new BasicLogin("support", "not-the-password");

    /** Sent with every request rather than on a challenge: the JDK's Authenticator would first take a 401. */
    @Override
    public String header() {
        byte[] pair = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair);
    }
}
