package io.incidents.notificationservice.delivery;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.incidents.notificationservice.routing.Channel;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Against GreenMail over SMTP, so what JavaMailSenderImpl does to headers on the way is part of the test. */
class EmailSenderTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final JavaMailSenderImpl mail = new JavaMailSenderImpl();
    private final DeliveryProperties properties = new DeliveryProperties(Duration.ofSeconds(2), Duration.ofMinutes(5),
            Duration.ofHours(24), 8, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(500),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofSeconds(15), Duration.ofMinutes(10), Duration.ofSeconds(10),
            "incidents@example.com");

    @BeforeEach
    void pointAtGreenMail() {
        mail.setHost("localhost");
        mail.setPort(smtp.getSmtp().getPort());
    }

    @Test
    void everyAttemptOfAnEmailCarriesTheSameMessageIdMadeFromItsDeliveryRow() throws Exception {
        Delivery delivery = WebhookBodyTest.delivery(42, "7d1c0d6e-6c2a-4c55-9d0e-0c1a4e3b2f10", Channel.EMAIL,
                "oncall@example.com", "Checkout failing");
        EmailSender sender = new EmailSender(mail, properties);

        sender.send(delivery);
        sender.send(delivery);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).extracting(MimeMessage::getMessageID).containsExactly(
                "<delivery-42.7d1c0d6e-6c2a-4c55-9d0e-0c1a4e3b2f10@example.com>",
                "<delivery-42.7d1c0d6e-6c2a-4c55-9d0e-0c1a4e3b2f10@example.com>");
        assertThat(received[0].getSubject()).isEqualTo("subject");
        assertThat(received[0].getContent().toString().trim()).isEqualTo("Checkout failing");
    }

    @Test
    void anotherDeliveryOfTheSameEventHasAnotherMessageId() {
        Delivery toOnCall = WebhookBodyTest.delivery(42, "e-1", Channel.EMAIL, "oncall@example.com", "x");
        Delivery toSupport = WebhookBodyTest.delivery(43, "e-1", Channel.EMAIL, "support@example.com", "x");

        assertThat(EmailSender.messageId(toOnCall, "incidents@example.com"))
                .isNotEqualTo(EmailSender.messageId(toSupport, "incidents@example.com"));
    }

    @Test
    void charactersAMessageIdCannotHoldAreReplaced() {
        Delivery delivery = WebhookBodyTest.delivery(5, "a b<c>@d", Channel.EMAIL, "x@example.com", "x");

        assertThat(EmailSender.messageId(delivery, "Incidents <incidents@example.com>")).isEqualTo("<delivery-5.a_b_c__d@example.com>");
    }
}
