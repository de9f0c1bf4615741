package io.incidents.support.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settles every topic the service needs ({@link RequiredTopic}) while it starts: its own are
 * created if missing, {@code incident-events} is created (incident-service) or checked (the
 * consumers), and a layout that rules the service out stops the start with the reason. If the
 * broker cannot be reached then, the service starts anyway and whatever is not settled yet is
 * tried again in the background every {@code retryEvery} until it is: a service started during a
 * Kafka outage has its topics once the broker is back, not never. A wrong layout found then stops
 * the service.
 */
public class RequiredTopicsGuard implements InitializingBean, DisposableBean, ApplicationContextAware {

    private static final Logger log = LoggerFactory.getLogger(RequiredTopicsGuard.class);
    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(1);

    private final Map<String, Object> adminConfig;
    private final Duration retryEvery;
    /** Not settled yet; touched by the starting thread, then by the background thread alone. */
    private final List<RequiredTopic> pending;
    private final Set<String> toldAbsent = new HashSet<>();
    private ApplicationContext context;
    private volatile Thread background;
    private volatile boolean settled;
    private boolean toldUnreachable;

    public RequiredTopicsGuard(List<RequiredTopic> topics, Map<String, Object> adminConfig, Duration retryEvery) {
        this.pending = new ArrayList<>(topics);
        this.adminConfig = Map.copyOf(adminConfig);
        this.retryEvery = retryEvery;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void afterPropertiesSet() {
        if (!settleOnce()) {
            Thread thread = new Thread(this::settleUntilDone, "required-topics-check");
            thread.setDaemon(true);
            background = thread;
            thread.start();
        }
    }

    /** Whether every topic is settled by now (tests wait for this). */
    public boolean settled() {
        return settled;
    }

    /** @return whether every topic is settled; false to try again later */
    private boolean settleOnce() {
        if (!pending.isEmpty()) {
            try {
                settleEach();
            } catch (BrokerUnreachableException e) {
                // The broker is away for every topic alike: the rest of the round would only wait as long again.
                if (!toldUnreachable) {
                    log.warn("Cannot settle topics {} now ({}); going on without them and trying again every {} ms",
                            names(), e.getMessage(), retryEvery.toMillis());
                    toldUnreachable = true;
                } else {
                    log.debug("Topics {} still cannot be settled: {}", names(), e.getMessage());
                }
            }
        }
        settled = pending.isEmpty();
        return settled;
    }

    private void settleEach() throws BrokerUnreachableException {
        Admin admin;
        try {
            admin = Admin.create(adminConfig);
        } catch (KafkaException e) {
            // A bootstrap address that does not resolve yet (a broker host still starting) is an outage too.
            throw new BrokerUnreachableException(e);
        }
        try {
            for (Iterator<RequiredTopic> topics = pending.iterator(); topics.hasNext(); ) {
                RequiredTopic topic = topics.next();
                if (topic.settle(admin)) {
                    topics.remove();
                } else if (toldAbsent.add(topic.name())) {
                    log.info("Topic {} is not there yet (another service creates it); checking again every {} ms",
                            topic.name(), retryEvery.toMillis());
                }
            }
            if (toldUnreachable && pending.isEmpty()) {
                log.info("The Kafka broker answers again; every topic this service needs is in place");
            }
        } finally {
            // Not close(): it waits for calls still pending, a minute long when the broker is away.
            admin.close(CLOSE_WITHIN);
        }
    }

    private List<String> names() {
        return pending.stream().map(RequiredTopic::name).toList();
    }

    private void settleUntilDone() {
        try {
            do {
                Thread.sleep(retryEvery.toMillis());
            } while (!settleOnce() && !Thread.currentThread().isInterrupted());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException wrongLayout) {
            log.error("Stopping: {}", wrongLayout.getMessage());
            System.exit(SpringApplication.exit(context, () -> 78));
        }
    }

    /** A context closing (a test's, or a service stopped during an outage) stops the retries. */
    @Override
    public void destroy() {
        Thread thread = background;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
