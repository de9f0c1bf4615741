package io.incidents.support.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;

/**
 * Checks {@code incident-events} while the service starts (and, in incident-service, creates it
 * if missing): a partition count other than the expected one stops the start with the reason. If
 * the broker cannot be reached then, the service starts anyway and the check is repeated in the
 * background until it can be done; a wrong count found then stops the service.
 */
public class IncidentEventsTopicGuard implements InitializingBean, ApplicationContextAware {

    private static final Logger log = LoggerFactory.getLogger(IncidentEventsTopicGuard.class);
    private static final Duration RETRY_EVERY = Duration.ofSeconds(15);
    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(1);

    private final IncidentEventsTopic topic;
    private final KafkaAdmin kafkaAdmin;
    private final boolean creates;
    private ApplicationContext context;

    /** @param creates whether this service creates the topic when it is missing (incident-service only) */
    public IncidentEventsTopicGuard(IncidentEventsTopic topic, KafkaAdmin kafkaAdmin, boolean creates) {
        this.topic = topic;
        this.kafkaAdmin = kafkaAdmin;
        this.creates = creates;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void afterPropertiesSet() {
        if (!checkOnce()) {
            Thread background = new Thread(this::checkUntilDone, "incident-events-topic-check");
            background.setDaemon(true);
            background.start();
        }
    }

    /** @return whether the check is done (the topic is as expected); false to try again later */
    private boolean checkOnce() {
        Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        try {
            IncidentEventsTopic.Found found = creates ? topic.ensure(admin) : topic.check(admin);
            if (found == IncidentEventsTopic.Found.ABSENT) {
                log.info("Topic {} does not exist yet; incident-service creates it. Checking again in {} s",
                        topic.name(), RETRY_EVERY.toSeconds());
                return false;
            }
            log.info("Topic {} has the expected {} partitions", topic.name(), topic.partitions());
            return true;
        } catch (IncidentEventsTopic.BrokerUnreachableException e) {
            log.warn("Cannot check topic {} now ({}); starting anyway and checking again in {} s", topic.name(),
                    e.getMessage(), RETRY_EVERY.toSeconds());
            return false;
        } finally {
            // Not close(): it waits for calls still pending, a minute long when the broker is away.
            admin.close(CLOSE_WITHIN);
        }
    }

    private void checkUntilDone() {
        try {
            do {
                Thread.sleep(RETRY_EVERY.toMillis());
            } while (!checkOnce());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException wrongLayout) {
            log.error("Stopping: {}", wrongLayout.getMessage());
            System.exit(SpringApplication.exit(context, () -> 78));
        }
    }
}
