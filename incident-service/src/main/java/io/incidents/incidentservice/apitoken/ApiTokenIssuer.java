package io.incidents.incidentservice.apitoken;

import io.incidents.support.audit.AuditLog;
import io.incidents.support.security.ApiTokens;
import io.incidents.support.security.Secrets;
import io.incidents.support.security.Role;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Issues and revokes API tokens. Each change is stored and published to every service in one
 * step: the row (and its audit entry) is written, the new state published and confirmed by
 * Kafka, then committed. If Kafka does not confirm, everything is rolled back and the answer is
 * 503. A commit that fails after the publication leaves the topic ahead of the database: a new
 * token whose value nobody saw (the answer failed), or a revocation the ADMIN is told failed and
 * repeats; the next start of incident-service republishes the database's state.
 */
@Service
class ApiTokenIssuer {


    /** A token as its creator sees it, once. */
    record Issued(StoredToken stored, String token) {
    }

    private final ApiTokenStore store;
    private final TokenPublisher publisher;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final ApiTokenProperties properties;
    private final Clock clock;

    ApiTokenIssuer(ApiTokenStore store, TokenPublisher publisher, AuditLog audit, TransactionTemplate transaction,
                   ApiTokenProperties properties, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.audit = audit;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    Issued create(String name, Role role, Instant expiresAt, String actor, String address) {
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ApiTokenException.invalid("expiresAt", "must be in the future");
        }
        if (expiresAt != null && expiresAt.isAfter(now.plus(properties.maxLifetime()))) {
            throw ApiTokenException.invalid("expiresAt", "must be at most " + properties.maxLifetime().toDays() + " days ahead");
        }
        String token = newToken();
        StoredToken stored = new StoredToken(UUID.randomUUID().toString(), name, role, ApiTokens.sha256(token),
                actor, now, expiresAt, null, null, null);
        change(() -> {
            store.insert(stored);
            audit.record(actor, "TOKEN_CREATED", stored.auditTarget(), "role " + role
                    + (expiresAt == null ? ", no expiry" : ", expires " + expiresAt), address);
            return stored;
        });
        return new Issued(stored, token);
    }

    /** Revokes the token; revoking a revoked token changes nothing. */
    void revoke(String id, String actor, String address) {
        change(() -> {
            StoredToken current = store.lock(id).orElseThrow(() -> ApiTokenException.notFound(id));
            if (current.revokedAt() != null) {
                return null;
            }
            StoredToken revoked = current.revoked(clock.instant(), actor);
            store.revoke(revoked);
            audit.record(actor, "TOKEN_REVOKED", revoked.auditTarget(), null, address);
            return revoked;
        });
    }

    List<StoredToken> all() {
        return store.all();
    }

    /** Runs {@code write}, which returns the token's new state (null: nothing changed), and publishes it before the commit. */
    private void change(Supplier<StoredToken> write) {
        RecordMetadata published = transaction.execute(status -> {
            StoredToken changed = write.get();
            return changed == null ? null : publisher.publish(changed.state());
        });
        if (published != null) {
            publisher.awaitHere(published);
        }
    }

    private static String newToken() {
        return Secrets.generate(ApiTokens.PREFIX);
    }
}
