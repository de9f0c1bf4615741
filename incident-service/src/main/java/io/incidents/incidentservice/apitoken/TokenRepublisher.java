package io.incidents.incidentservice.apitoken;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * At every start, publishes every stored token's state again, so a publication that was lost
 * (a commit that failed after it, a topic recreated empty) heals. Rows stay share-locked while
 * they are published: a revocation on another instance meanwhile waits and is published after
 * this (possibly older) copy, never before it.
 */
@Component
class TokenRepublisher {

    private static final Logger log = LoggerFactory.getLogger(TokenRepublisher.class);

    private final ApiTokenStore store;
    private final TokenPublisher publisher;
    private final TransactionTemplate transaction;

    TokenRepublisher(ApiTokenStore store, TokenPublisher publisher, TransactionTemplate transaction) {
        this.store = store;
        this.publisher = publisher;
        this.transaction = transaction;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        try {
            int count = republishAll();
            log.info("Republished the state of {} API tokens", count);
        } catch (RuntimeException e) {
            log.warn("Could not republish the API tokens at start-up; they are republished at the next start", e);
        }
    }

    int republishAll() {
        Integer count = transaction.execute(status -> {
            List<StoredToken> tokens = store.lockAll();
            tokens.forEach(token -> publisher.publish(token.state()));
            return tokens.size();
        });
        return count == null ? 0 : count;
    }
}
