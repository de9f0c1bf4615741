package io.incidents.localauth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The name of the token claim that carries the roles. It is the services' own setting
 * ({@code incidents.security.roles-claim}), read here too so one environment variable keeps the
 * issuer and the services in step.
 */
@ConfigurationProperties("incidents.security")
public record RolesClaimProperties(@DefaultValue("roles") String rolesClaim) {

    public RolesClaimProperties {
        if (rolesClaim == null || rolesClaim.isBlank()) {
            throw new IllegalArgumentException("incidents.security.roles-claim must name a claim");
        }
    }
}
