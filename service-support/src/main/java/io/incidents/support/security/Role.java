package io.incidents.support.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The roles of SPEC section 9. ADMIN includes RESPONDER, which includes VIEWER; METRICS stands
 * alone (a scrape credential must not read incidents). A principal gets the authorities of its
 * role and of every role it includes, so a rule names only the least role it needs.
 */
public enum Role {
    VIEWER,
    RESPONDER,
    ADMIN,
    METRICS;

    public String authority() {
        return "ROLE_" + name();
    }

    public List<GrantedAuthority> authorities() {
        List<Role> granted = switch (this) {
            case VIEWER -> List.of(VIEWER);
            case RESPONDER -> List.of(RESPONDER, VIEWER);
            case ADMIN -> List.of(ADMIN, RESPONDER, VIEWER);
            case METRICS -> List.of(METRICS);
        };
        return granted.stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority())).toList();
    }

    /** A role named in configuration or a token claim: case-insensitive, with or without the {@code ROLE_} prefix. */
    public static Optional<Role> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String plain = name.trim().toUpperCase(Locale.ROOT);
        if (plain.startsWith("ROLE_")) {
            plain = plain.substring(5);
        }
        for (Role role : values()) {
            if (role.name().equals(plain)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /**
     * The authorities a token's roles claim grants: a list, or a space- or comma-separated text;
     * names the product does not know are ignored.
     */
    public static Set<GrantedAuthority> authoritiesFromClaim(Object claim) {
        Collection<String> names = claim instanceof Collection<?> values ? values.stream().map(String::valueOf).toList()
                : claim instanceof String text ? Arrays.asList(text.trim().split("[\\s,]+")) : List.of();
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        names.forEach(name -> parse(name).ifPresent(role -> authorities.addAll(role.authorities())));
        return authorities;
    }
}
