package io.incidents.demo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An HTTP Basic login of the local stack (SPEC section 9), given as {@code user:password}. */
record Login(String username, String password) {

    static Login parse(String userColonPassword) {
        int colon = userColonPassword.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a login is user:password, not '" + userColonPassword + "'");
        }
        return new Login(userColonPassword.substring(0, colon), userColonPassword.substring(colon + 1));
    }

    /** Sent with every request rather than on a challenge: the services never challenge with Basic. */
    String header() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
