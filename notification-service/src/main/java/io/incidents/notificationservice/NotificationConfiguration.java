package io.incidents.notificationservice;

import io.incidents.notificationservice.delivery.DeliveryProperties;
import io.incidents.notificationservice.routing.NotificationProperties;
import io.incidents.notificationservice.routing.Roster;
import io.incidents.notificationservice.routing.Router;
import io.incidents.notificationservice.template.TemplateProperties;
import io.incidents.notificationservice.template.Templates;
import io.incidents.support.events.DeadLetters;
import io.incidents.support.events.DatabaseProbe;
import io.incidents.support.kafka.IncidentEventsTopic;
import io.incidents.support.kafka.RequiredTopic;
import io.incidents.support.events.IncidentEventsErrorHandler;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.client.RestClient;

import javax.sql.DataSource;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NotificationConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Router router(NotificationProperties properties, Roster roster) {
        return new Router(properties, roster);
    }

    @Bean
    Templates templates(TemplateProperties properties) {
        return new Templates(properties.dir());
    }

    /**
     * Every HTTP delivery has a connect and a read timeout: a slow endpoint fails instead of
     * hanging. The read timeout (30 s by default) is generous, because running out of it leaves
     * the outcome unknown: a slow receiver that did take the message would get it again.
     */
    @Bean
    RestClient deliveryHttpClient(DeliveryProperties properties) {
        // HTTP/1.1: an h2c upgrade attempt with a request body confuses some plain-HTTP receivers.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(properties.readTimeout());
        return RestClient.builder().requestFactory(requests).build();
    }

    @Bean
    DeadLetters deadLetters(JdbcTemplate jdbc, Clock clock) {
        return new DeadLetters(jdbc, clock);
    }

    /** Never created here (incident-service does that); a wrong partition count stops the start. */
    @Bean
    RequiredTopic incidentEventsTopic(@Value("${notifications.topic:incident-events}") String topic,
                                      @Value("${notifications.topic-partitions:6}") int partitions) {
        return new IncidentEventsTopic(topic, partitions, (short) 1, 1).checkedHere();
    }

    @Bean
    NewTopic incidentEventsDeadLetterTopic(@Value("${notifications.topic:incident-events}") String topic,
                                           @Value("${notifications.topic-partitions:6}") int partitions) {
        return TopicBuilder.name(topic + ".DLT").partitions(partitions).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
    }

    @Bean
    DefaultErrorHandler incidentEventsErrorHandler(@Value("${notifications.topic:incident-events}") String topic,
                                                   KafkaTemplate<String, String> kafkaTemplate,
                                                   DeadLetters deadLetters, DataSource dataSource) {
        return IncidentEventsErrorHandler.create(kafkaTemplate, topic + ".DLT", deadLetters::record, 3,
                Duration.ofMillis(200), Duration.ofSeconds(2), new DatabaseProbe(dataSource));
    }
}
