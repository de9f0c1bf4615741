package io.incidents.timelineservice.dashboard;

import io.incidents.support.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The person looking at a page, and what the page may offer them (the services check again). */
public record Viewer(String name, boolean responder, boolean admin) {

    public static Viewer of(Authentication authentication) {
        if (authentication == null) {
            return new Viewer("", false, false);
        }
        return new Viewer(authentication.getName(), has(authentication, Role.RESPONDER), has(authentication, Role.ADMIN));
    }

    private static boolean has(Authentication authentication, Role role) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(role.authority()::equals);
    }

    public String roleName() {
        return admin ? "ADMIN" : responder ? "RESPONDER" : "VIEWER";
    }
}
