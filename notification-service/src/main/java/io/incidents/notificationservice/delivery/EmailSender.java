package io.incidents.notificationservice.delivery;

import io.incidents.notificationservice.routing.Channel;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * Plain-text email over SMTP. Sending is at least once, so every attempt of a message carries
 * the same {@code Message-ID}, made from its delivery-log row: mail systems and clients that
 * deduplicate on it show a retried message once.
 */
@Component
class EmailSender implements ChannelSender {

    private final JavaMailSender mail;
    private final DeliveryProperties properties;

    EmailSender(JavaMailSender mail, DeliveryProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void send(Delivery delivery) throws MessagingException {
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
        helper.setFrom(properties.emailFrom());
        helper.setTo(delivery.recipient());
        helper.setSubject(delivery.subject());
        helper.setText(delivery.body());
        // JavaMailSenderImpl keeps a Message-ID that is set before sending instead of making a new one.
        message.setHeader("Message-ID", messageId(delivery, properties.emailFrom()));
        mail.send(message);
    }

    /** {@code <delivery-<row id>.<event id>@<the sender's domain>>}: the same on every attempt, unique per message. */
    static String messageId(Delivery delivery, String from) {
        String domain = from.substring(from.lastIndexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "");
        String eventId = delivery.eventId().replaceAll("[^A-Za-z0-9._-]", "_");
        return "<delivery-" + delivery.id() + "." + eventId + "@" + (domain.isEmpty() ? "localhost" : domain) + ">";
    }
}
