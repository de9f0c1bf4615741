package io.incidents.support.security.apitokens;

import io.incidents.support.security.ApiTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Applies records of the tokens topic to {@link ApiTokens}, in topic order. A record is the
 * token's whole current state, so the last one wins; revocation and expiry are part of that
 * state and honoured when a token is looked up. Used by one thread only.
 */
final class TokenRecords {

    private static final Logger log = LoggerFactory.getLogger(TokenRecords.class);

    private final ApiTokens apiTokens;
    /** The last state seen per token id: a tombstone or a changed hash must disable the hash known before. */
    private final Map<String, TokenState> byId = new HashMap<>();

    TokenRecords(ApiTokens apiTokens) {
        this.apiTokens = apiTokens;
    }

    void apply(ConsumerRecord<String, String> record) {
        String id = record.key();
        if (id == null) {
            skip(record, "it has no key");
            return;
        }
        if (record.value() == null) {
            // A tombstone: whatever hash this id had stops working.
            TokenState known = byId.remove(id);
            if (known != null) {
                apiTokens.put(known.sha256(), known.revoked(Instant.ofEpochMilli(record.timestamp())).toApiToken());
            }
            return;
        }
        TokenState state;
        try {
            state = TokenState.fromJson(record.value());
        } catch (IllegalArgumentException e) {
            skip(record, e.getMessage());
            return;
        }
        String problem = state.problemAsStateOf(id);
        if (problem != null) {
            skip(record, problem);
            return;
        }
        TokenState previous = byId.put(id, state);
        if (previous != null && !previous.sha256().equalsIgnoreCase(state.sha256())) {
            apiTokens.put(previous.sha256(), previous.revoked(Instant.ofEpochMilli(record.timestamp())).toApiToken());
        }
        apiTokens.put(state.sha256(), state.toApiToken());
        log.debug("API token {} ({}, {}): expires {}, revoked {}", id, state.name(), state.role(), state.expiresAt(),
                state.revokedAt());
    }

    int known() {
        return byId.size();
    }

    /** Logs where the record is, never its value: it names a token's hash. */
    private static void skip(ConsumerRecord<String, String> record, String reason) {
        log.warn("Skipped the API token record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
    }
}
