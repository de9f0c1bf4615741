package io.incidents.support.kafka;

import org.apache.kafka.clients.admin.Admin;

/**
 * A topic the service needs, and what it does about it once the broker answers: create it when
 * it is the service's own, check it when another service creates it. {@link RequiredTopicsGuard}
 * settles every one, at start-up or, if the broker is away then, as soon as it answers.
 */
public interface RequiredTopic {

    String name();

    /**
     * Creates the topic if this service owns it and it is missing, then checks it.
     *
     * @return true when done: the topic is there as this service needs it; false while another
     * service has yet to create it (asked again later)
     * @throws BrokerUnreachableException when the broker did not answer (asked again later)
     * @throws IllegalStateException      when the topic's layout rules this service out; it stops
     */
    boolean settle(Admin admin) throws BrokerUnreachableException;
}
