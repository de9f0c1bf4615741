package io.incidents.support.security;

import io.incidents.support.audit.AuditLog;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Clock;
import java.util.Optional;

/**
 * Failed logins, counted per user name and per client address, and written to the audit log.
 * A throttled caller gets 429 before any password hash is computed, so guessing is slow and
 * cheap for the server.
 */
public class LoginThrottle {

    private final FailureThrottle perUser;
    private final FailureThrottle perAddress;
    private final AuditLog audit;

    public LoginThrottle(IdentityProperties properties, Clock clock, AuditLog audit) {
        this.perUser = new FailureThrottle(properties.failedLoginsPerUser(), properties.failedLoginWindow(), clock);
        this.perAddress = new FailureThrottle(properties.failedLoginsPerAddress(), properties.failedLoginWindow(), clock);
        this.audit = audit;
    }

    /** Refuses at once when the user name (if any) or the address has used up its failures. */
    void checkAllowed(String user, String address) {
        Optional<java.time.Duration> wait = perAddress.blockedFor(address);
        if (user != null) {
            Optional<java.time.Duration> userWait = perUser.blockedFor(user);
            if (userWait.isPresent() && (wait.isEmpty() || userWait.get().compareTo(wait.get()) > 0)) {
                wait = userWait;
            }
        }
        if (wait.isPresent()) {
            audit.record(user == null ? "anonymous" : user, "LOGIN_THROTTLED", null, null, address);
            throw new LoginThrottledException(wait.get());
        }
    }

    void failed(String user, String address, String how) {
        if (user != null) {
            perUser.failed(user);
        }
        perAddress.failed(address);
        audit.record(user == null ? "anonymous" : user, "LOGIN_FAILED", null, how, address);
    }

    void succeeded(String user) {
        perUser.succeeded(user);
    }

    static String addressOf(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                ? details.getRemoteAddress() : "unknown";
    }
}
