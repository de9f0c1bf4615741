package io.incidents.bench;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Properties;

/**
 * notification-throughput's baseline: the very messages notification-service sent, sent again
 * to the same receivers by a plain loop on as many threads as the service sends with. Chat
 * messages are posted to their webhook URL, generic webhooks to the sinks' generic hook (the
 * stack's only generic webhook), emails through the same SMTP server, one connection each as the
 * service's mail sender opens. What is left to the service's side is everything else it does:
 * claims, fencing, retries, the delivery log.
 */
final class PlainDelivery {

    private final HttpClient http;
    private final URI genericWebhook;
    private final Session smtp;
    private final int threads;

    /**
     * @param sinks   the stack's webhook sink (its generic hook is {@code /hooks/generic})
     * @param smtp    host:port of the stack's SMTP server
     * @param threads as many as notification-service sends with
     */
    PlainDelivery(HttpClient http, URI sinks, String smtp, int threads) {
        this.http = http;
        this.genericWebhook = sinks.resolve("/hooks/generic");
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.substring(0, smtp.lastIndexOf(':')));
        properties.put("mail.smtp.port", smtp.substring(smtp.lastIndexOf(':') + 1));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "30000");
        this.smtp = Session.getInstance(properties);
        this.threads = threads;
    }

    /** Sends them all and answers how long that took, in nanoseconds. */
    long sendAll(List<DeliveryLogReader.Message> messages) throws InterruptedException {
        long start = System.nanoTime();
        Parallel.forEachIndex(threads, messages.size(), at -> send(messages.get(at)));
        return System.nanoTime() - start;
    }

    private void send(DeliveryLogReader.Message message) throws InterruptedException, MessagingException {
        switch (message.channel()) {
            case "CHAT" -> post(URI.create(message.recipient()), message.body());
            case "WEBHOOK" -> post(genericWebhook, message.body());
            case "EMAIL" -> mail(message);
            default -> throw new BenchFailure("the baseline does not know channel " + message.channel());
        }
    }

    private void post(URI url, String body) throws InterruptedException {
        Http.send(http, HttpRequest.newBuilder(url).timeout(Http.TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), 200, 202, 204);
    }

    private void mail(DeliveryLogReader.Message message) throws MessagingException {
        MimeMessage mail = new MimeMessage(smtp);
        mail.setFrom(new InternetAddress("incidents@localhost"));
        mail.setRecipient(RecipientType.TO, new InternetAddress(message.recipient()));
        mail.setSubject(message.subject());
        mail.setText(message.body());
        Transport.send(mail);
    }
}
