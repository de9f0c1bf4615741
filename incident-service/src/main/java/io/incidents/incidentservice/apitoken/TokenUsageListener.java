package io.incidents.incidentservice.apitoken;

import io.incidents.support.security.apitokens.TokenUse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;

/** Every service's reports of token use, kept as each token's "last used". */
@Component
class TokenUsageListener implements MessageListener<String, String> {

    private static final Logger log = LoggerFactory.getLogger(TokenUsageListener.class);

    private final ApiTokenStore store;

    TokenUsageListener(ApiTokenStore store) {
        this.store = store;
    }

    @Override
    public void onMessage(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        TokenUse use;
        try {
            use = TokenUse.fromJson(record.value());
        } catch (IllegalArgumentException e) {
            log.warn("Skipped the token use record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return;
        }
        if (use.tokenId() == null || use.usedAt() == null) {
            log.warn("Skipped the token use record {}-{}@{}: it names no token or time", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        // A token of another deployment sharing the broker, or one deleted since, matches no row: nothing to do.
        store.markUsed(use.tokenId(), use.usedAt());
    }
}
