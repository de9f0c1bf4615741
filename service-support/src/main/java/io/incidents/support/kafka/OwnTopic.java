package io.incidents.support.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * A topic this service creates when it is missing, as declared (a {@code NewTopic} bean: its
 * dead letters, {@code alerts}, the token topics). One that exists is left as it is: its
 * partitions are never added to and its settings never changed here.
 */
public record OwnTopic(NewTopic topic) implements RequiredTopic {

    private static final Logger log = LoggerFactory.getLogger(OwnTopic.class);

    @Override
    public String name() {
        return topic.name();
    }

    @Override
    public boolean settle(Admin admin) throws BrokerUnreachableException {
        if (AdminCalls.describe(admin, topic.name()).isPresent()) {
            return true;
        }
        try {
            AdminCalls.await(admin.createTopics(List.of(topic)).all());
            log.info("Created topic {}", topic.name());
        } catch (TopicExistsException e) {
            // Created meanwhile by another instance.
        }
        return true;
    }
}
