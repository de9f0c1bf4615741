package io.incidents.incidentservice;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A broker that refuses records while {@link Template#failing} is set. Tests import it through
 * {@link InjectedFaults} and share one cached context; each must leave {@code failing} off when it ends.
 */
@TestConfiguration
public class FlakyKafka {

    @Bean
    @Primary
    public Template flakyKafkaTemplate(ProducerFactory<String, String> producerFactory) {
        return new Template(producerFactory);
    }

    public static class Template extends KafkaTemplate<String, String> {
        public final AtomicBoolean failing = new AtomicBoolean();
        public final AtomicInteger refused = new AtomicInteger();

        Template(ProducerFactory<String, String> producerFactory) {
            super(producerFactory);
        }

        @Override
        public CompletableFuture<SendResult<String, String>> send(ProducerRecord<String, String> record) {
            if (failing.get()) {
                refused.incrementAndGet();
                return CompletableFuture.failedFuture(new KafkaException("broker unavailable (injected)"));
            }
            return super.send(record);
        }
    }
}
