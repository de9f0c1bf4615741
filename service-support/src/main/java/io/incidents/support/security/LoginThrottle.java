package io.incidents.support.security;

import io.incidents.support.audit.AuditLog;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Clock;
import java.time.Duration;
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

    /**
     * Counts this login attempt against the address and the user name (if any) before the password
     * is checked, and refuses at once when either has used up its attempts. A good login gives
     * the counts back ({@link #succeeded}); a bad one keeps them ({@link #failed}).
     */
    void attempt(String user, String address) {
        Optional<Duration> wait = perAddress.tryAttempt(address);
        if (wait.isEmpty() && user != null) {
            wait = perUser.tryAttempt(user);
            if (wait.isPresent()) {
                perAddress.release(address);
            }
        }
        if (wait.isPresent()) {
            audit.record(user == null ? "anonymous" : user, "LOGIN_THROTTLED", null, null, address);
            throw new LoginThrottledException(wait.get());
        }
    }

    void failed(String user, String address, String how) {
        audit.record(user == null ? "anonymous" : user, "LOGIN_FAILED", null, how, address);
    }

    void succeeded(String user, String address) {
        perUser.succeeded(user);
        perAddress.release(address);
    }

    static String addressOf(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                ? details.getRemoteAddress() : "unknown";
    }
}
