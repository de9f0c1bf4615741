package io.incidents.support.kafka;

/** The Kafka broker did not answer in time: try again later. */
public final class BrokerUnreachableException extends Exception {

    BrokerUnreachableException(Throwable cause) {
        super("the Kafka broker did not answer: " + cause, cause);
    }
}
