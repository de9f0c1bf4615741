package io.incidents.incidentservice.alerting;

import io.incidents.support.audit.AuditLog;
import io.incidents.support.security.Caller;
import io.incidents.incidentservice.incident.IncidentFields;
import io.incidents.incidentservice.incident.ServiceNames;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Integrations managed at run time (an ADMIN power, SPEC section 9): create one and see its key
 * once, list them all without keys, revoke one. Those configured in YAML are listed too, but
 * only a configuration change removes them.
 */
@RestController
@RequestMapping("/api/v1/admin/integrations")
@Validated
@SecurityRequirement(name = "basicAuth")
class IntegrationAdminController {

    private static final Logger log = LoggerFactory.getLogger(IntegrationAdminController.class);
    private static final String CONFIGURED_ID_PREFIX = "config:";

    private final Integrations integrations;
    private final StoredIntegrations stored;
    private final AlertingProperties properties;
    private final Clock clock;
    private final AuditLog audit;

    IntegrationAdminController(Integrations integrations, StoredIntegrations stored, AlertingProperties properties, Clock clock,
                               AuditLog audit) {
        this.integrations = integrations;
        this.properties = properties;
        this.stored = stored;
        this.clock = clock;
        this.audit = audit;
    }

    record NewIntegration(
            @NotNull @Pattern(regexp = Integrations.NAME_PATTERN,
                    message = "must be a name of letters, digits, . _ -, at most 100") String name,
            @NotNull @Pattern(regexp = ServiceNames.PATTERN, message = ServiceNames.MESSAGE) String defaultService,
            Boolean autoResolve,
            @Min(value = 1, message = "must be at least 1 (leave it out for the service's limit)")
            @Max(value = 1_000_000, message = "must be at most 1000000") Integer rateLimitPerMinute) {
    }

    /** The only answer that ever holds the key. */
    record CreatedIntegration(String id, String name, String key) {
    }

    record IntegrationView(String id, String name, String defaultService, boolean autoResolve, int rateLimitPerMinute, String source,
                           Instant createdAt, String createdBy, Instant revokedAt, String revokedBy) {
    }

    @Operation(summary = "Create an integration; its key is in this answer only (stored as its SHA-256)")
    @PostMapping
    ResponseEntity<CreatedIntegration> create(@Valid @RequestBody NewIntegration request) {
        if (integrations.isReserved(request.name())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "The name '" + request.name()
                    + "' belongs to a configured integration (or the Kafka topic's); choose another.");
        }
        String key = IntegrationKeys.generate();
        StoredIntegration integration = new StoredIntegration(UUID.randomUUID().toString(), request.name(),
                request.defaultService(), request.autoResolve() == null || request.autoResolve(), request.rateLimitPerMinute(),
                clock.instant(),
                currentUser(), null, null);
        try {
            stored.insert(integration, IntegrationKeys.sha256Hex(key));
        } catch (DuplicateKeyException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "An active integration named '" + request.name()
                    + "' exists; revoke it first or choose another name.");
        }
        log.info("Integration '{}' ({}) created by {}", integration.name(), integration.id(), integration.createdBy());
        audit.recordRequest("INTEGRATION_CREATED", "integration " + integration.id() + " (" + integration.name() + ")", null);
        return ResponseEntity.created(URI.create("/api/v1/admin/integrations/" + integration.id()))
                .cacheControl(CacheControl.noStore())
                .body(new CreatedIntegration(integration.id(), integration.name(), key));
    }

    @Operation(summary = "Every integration, configured and created, revoked ones too; never a key")
    @GetMapping
    Map<String, List<IntegrationView>> list() {
        Stream<IntegrationView> configured = integrations.configured().stream().map(integration -> new IntegrationView(
                CONFIGURED_ID_PREFIX + integration.name(), integration.name(), integration.defaultService(),
                integration.resolvesAutomatically(), properties.rateLimitPerMinute(integration), "config", null, null, null, null));
        Stream<IntegrationView> created = stored.all().stream().map(integration -> new IntegrationView(integration.id(),
                integration.name(), integration.defaultService(), integration.autoResolve(),
                properties.rateLimitPerMinute(integration.rateLimitPerMinute()), "api",
                integration.createdAt(), integration.createdBy(), integration.revokedAt(), integration.revokedBy()));
        return Map.of("items", Stream.concat(configured, created).toList());
    }

    @Operation(summary = "Revoke a created integration: its key is refused at once (revoking twice changes nothing)")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable @Pattern(regexp = "[A-Za-z0-9._:-]{1,120}") String id) {
        if (id.startsWith(CONFIGURED_ID_PREFIX) && integrations.configured(id.substring(CONFIGURED_ID_PREFIX.length())).isPresent()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "This integration is configured"
                    + " (incidents.alerting.integrations); remove it from the configuration instead.");
        }
        String user = currentUser();
        if (stored.revoke(id, clock.instant(), user)) {
            log.info("Integration {} revoked by {}", id, user);
            audit.recordRequest("INTEGRATION_REVOKED", "integration " + id, null);
        } else if (stored.find(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No integration " + id + " exists.");
        }
        return ResponseEntity.noContent().build();
    }

    private static String currentUser() {
        return IncidentFields.cut(Caller.name(), 255);
    }
}
