package io.incidents.support.security;

import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/** Too many failed logins from this user name or address lately: answered 429 with {@code Retry-After}. */
public class LoginThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super("Too many failed logins; retry later.");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
