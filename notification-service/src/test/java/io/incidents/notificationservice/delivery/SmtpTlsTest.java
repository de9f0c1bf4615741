package io.incidents.notificationservice.delivery;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.incidents.notificationservice.routing.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With the mail settings the service ships (no profile), a message goes out only over TLS: an SMTP
 * server that does not offer STARTTLS gets no message and no password, and the delivery fails (to
 * be retried, and parked in the end) instead.
 */
class SmtpTlsTest {

    @RegisterExtension
    static GreenMailExtension plainSmtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final DeliveryProperties properties = new DeliveryProperties(Duration.ofSeconds(2), Duration.ofMinutes(5),
            Duration.ofHours(24), 8, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(500),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofSeconds(15), Duration.ofMinutes(10), Duration.ofSeconds(10),
            "incidents@example.com");

    @Test
    void theShippedSettingsRequireStartTls() throws IOException {
        assertThat(shippedJavaMailProperties("application.yml"))
                .containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true");
    }

    @Test
    void aServerWithoutStartTlsGetsNothing() throws IOException {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("localhost");
        mail.setPort(plainSmtp.getSmtp().getPort());
        mail.setJavaMailProperties(shippedJavaMailProperties("application.yml"));
        EmailSender sender = new EmailSender(mail, properties);
        Delivery delivery = WebhookBodyTest.delivery(7, "e-7", Channel.EMAIL, "oncall@example.com", "Checkout failing");

        assertThatThrownBy(() -> sender.send(delivery)).hasStackTraceContaining("STARTTLS");
        assertThat(plainSmtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void theLocalStackSendsInTheClearToItsLoopbackReceiver() throws IOException {
        Properties stack = shippedJavaMailProperties("application.yml", "application-stack.yml");
        assertThat(stack).containsEntry("mail.smtp.starttls.required", "false");
    }

    /** spring.mail.properties as the service binds them from its YAML files (later files win), placeholders resolved. */
    private static Properties shippedJavaMailProperties(String... files) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
        for (String file : files) {
            loader.load(file, new ClassPathResource(file)).forEach(source -> environment.getPropertySources().addAfter(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source));
        }
        Map<String, String> bound = Binder.get(environment).bind("spring.mail.properties", Bindable.mapOf(String.class, String.class))
                .orElseThrow(() -> new IllegalStateException("no spring.mail.properties in " + String.join(", ", files)));
        Properties javaMail = new Properties();
        javaMail.putAll(bound);
        return javaMail;
    }
}
