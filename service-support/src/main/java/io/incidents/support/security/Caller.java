package io.incidents.support.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who makes the current request, as events and the audit log name them. */
public final class Caller {

    private Caller() {
    }

    /** The logged-in name ({@code token:<name>} for an API token), or {@code anonymous}. */
    public static String name() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        return who == null || who.getName() == null ? "anonymous" : who.getName();
    }
}
