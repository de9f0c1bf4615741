package io.incidents.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JwtRolesTest {

    @Test
    void rolesComeFromTheConfiguredClaimAsAListOrAText() {
        JwtRoles roles = new JwtRoles("groups");

        assertThat(roles.convert(jwt("groups", List.of("viewer", "unknown-role"), "alice")).getAuthorities())
                .extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_VIEWER");
        assertThat(roles.convert(jwt("groups", "ROLE_METRICS admin", "alice")).getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_METRICS", "ROLE_ADMIN", "ROLE_RESPONDER", "ROLE_VIEWER");
        assertThat(roles.convert(jwt("roles", List.of("ADMIN"), "alice")).getAuthorities())
                .as("another claim than the configured one grants nothing").isEmpty();
    }

    @Test
    void theActorIsThePreferredUserNameElseTheSubject() {
        JwtRoles roles = new JwtRoles("roles");

        assertThat(roles.convert(jwt("roles", List.of("VIEWER"), "alice")).getName()).isEqualTo("alice");
        assertThat(roles.convert(jwt("roles", List.of("VIEWER"), null)).getName()).isEqualTo("subject-1");
    }

    private static Jwt jwt(String claim, Object value, String preferredUsername) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("subject-1").claim(claim, value)
                .issuedAt(Instant.parse("2026-11-26T10:00:00Z")).expiresAt(Instant.parse("2026-11-26T11:00:00Z"));
        if (preferredUsername != null) {
            builder.claim("preferred_username", preferredUsername);
        }
        return builder.build();
    }
}
