package io.incidents.incidentservice.alerting;

import java.time.Instant;

/** An integration created through the admin API, as stored (its key only as a hash, not kept here). */
record StoredIntegration(String id, String name, String defaultService, boolean autoResolve, Integer rateLimitPerMinute,
                         Instant createdAt,
                         String createdBy, Instant revokedAt, String revokedBy) {

    boolean isRevoked() {
        return revokedAt != null;
    }
}
