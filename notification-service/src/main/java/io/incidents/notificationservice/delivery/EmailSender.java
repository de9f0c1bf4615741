package io.incidents.notificationservice.delivery;

import io.incidents.notificationservice.routing.Channel;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Plain-text email over SMTP. */
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
    public void send(Delivery delivery) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.emailFrom());
        message.setTo(delivery.recipient());
        message.setSubject(delivery.subject());
        message.setText(delivery.body());
        mail.send(message);
    }
}
