package io.incidents.incidentservice.apitoken;

import io.incidents.support.security.apitokens.ApiTokenTopics;
import io.incidents.support.security.apitokens.TokenFeed;
import io.incidents.support.security.apitokens.TokenState;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Puts a token's current state on the tokens topic (key = token id, so compaction keeps the
 * latest) and waits for the broker: a change no service has heard of must not be reported done.
 */
@Component
class TokenPublisher {

    private static final Logger log = LoggerFactory.getLogger(TokenPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final String topic;
    private final Duration timeout;
    private final ObjectProvider<TokenFeed> feed;

    TokenPublisher(KafkaTemplate<String, String> kafka, ApiTokenTopics topics, ApiTokenProperties properties,
                   ObjectProvider<TokenFeed> feed) {
        this.kafka = kafka;
        this.topic = topics.apiTokensTopic();
        this.timeout = properties.publishTimeout();
        this.feed = feed;
    }

    /** @throws ApiTokenException (503) when the broker does not confirm within the timeout */
    RecordMetadata publish(TokenState state) {
        try {
            return kafka.send(new ProducerRecord<>(topic, state.id(), state.toJson())).get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .getRecordMetadata();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiTokenException.unavailable(e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            log.warn("Could not publish the state of API token {} to {}: {}", state.id(), topic,
                    e instanceof ExecutionException ? e.getCause().toString() : e.toString());
            throw ApiTokenException.unavailable(e);
        }
    }

    /**
     * Waits until this instance's own feed has applied the record, so whoever issued or revoked
     * a token can use (or no longer use) it here as soon as the answer arrives. Other instances
     * follow within moments.
     */
    void awaitHere(RecordMetadata published) {
        TokenFeed here = feed.getIfAvailable();
        if (here == null) {
            return;
        }
        try {
            if (!here.awaitApplied(published.partition(), published.offset(), timeout)) {
                log.warn("This instance had not read its own API token change from {} after {}s", topic, timeout.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
