package io.incidents.incidentservice.apitoken;

import io.incidents.support.security.Role;
import io.incidents.support.web.IncidentIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import io.incidents.support.security.Caller;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * API tokens for scripts, CI and Prometheus; ADMIN only (the common rule for {@code /api/v1/admin/**}).
 * The token itself appears once, in the answer that creates it; lists show everything else.
 */
@RestController
@RequestMapping("/api/v1/admin/tokens")
@Validated
@SecurityRequirement(name = "basicAuth")
class ApiTokenController {

    /** The one answer that holds a token. */
    record IssuedToken(String id, String name, Role role, Instant expiresAt, String token) {
    }

    record TokenSummary(String id, String name, Role role, String createdBy, Instant createdAt, Instant expiresAt,
                        Instant revokedAt, Instant lastUsedAt) {

        static TokenSummary of(StoredToken token) {
            return new TokenSummary(token.id(), token.name(), token.role(), token.createdBy(), token.createdAt(),
                    token.expiresAt(), token.revokedAt(), token.lastUsedAt());
        }
    }

    private static final int MAX_ACTOR_LENGTH = 200;

    private final ApiTokenIssuer issuer;

    ApiTokenController(ApiTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Operation(summary = "Create an API token; the answer is the only time the token is shown")
    @PostMapping
    ResponseEntity<IssuedToken> create(@Valid @RequestBody CreateTokenRequest request, HttpServletRequest http) {
        ApiTokenIssuer.Issued issued = issuer.create(request.name(), request.role(), request.expiresAt(), actor(),
                http.getRemoteAddr());
        StoredToken stored = issued.stored();
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .body(new IssuedToken(stored.id(), stored.name(), stored.role(), stored.expiresAt(), issued.token()));
    }

    @Operation(summary = "List API tokens, newest first, revoked ones included (never a token or its hash)")
    @GetMapping
    Map<String, List<TokenSummary>> list() {
        return Map.of("items", issuer.all().stream().map(TokenSummary::of).toList());
    }

    @Operation(summary = "Revoke an API token: every service refuses it within seconds (again: no change)")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable @Pattern(regexp = IncidentIds.PATTERN) String id, HttpServletRequest http) {
        issuer.revoke(id, actor(), http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    private static String actor() {
        String name = Caller.name();
        return name.length() <= MAX_ACTOR_LENGTH ? name : name.substring(0, MAX_ACTOR_LENGTH);
    }
}
