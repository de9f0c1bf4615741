package io.incidents.faults;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinksTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private int httpPort;
    private int smtpPort;
    private Sinks sinks;

    @BeforeEach
    void start() throws IOException {
        httpPort = freePort();
        smtpPort = freePort();
        sinks = Sinks.start(httpPort, smtpPort);
    }

    @AfterEach
    void stop() {
        sinks.close();
    }

    @Test
    void countsEachMessageByTheIdItCarries() throws Exception {
        Instant started = Instant.now().minusSeconds(1); // GreenMail's received dates have whole milliseconds
        assertThat(post("/hooks/generic", "{\"deliveryId\":42,\"eventId\":\"e1\"}", null)).isEqualTo(200);
        assertThat(post("/hooks/generic", "{\"deliveryId\":42,\"eventId\":\"e1\"}", null)).isEqualTo(200);
        assertThat(post("/hooks/chat/on-call", "{\"text\":\"hi\"}", "e7")).isEqualTo(200);
        assertThat(post("/hooks/chat/devops", "{\"text\":\"hi\"}", null)).isEqualTo(200);
        mail("<delivery-17.e1@example.local>");

        assertThat(sinks.received()).containsEntry(Sinks.webhookKey(42), 2)
                .containsEntry(Sinks.chatKey("/hooks/chat/on-call", "e7"), 1)
                .containsEntry("chat-without-id:/hooks/chat/devops", 1)
                .containsEntry(Sinks.mailKey(17), 1);
        Sinks.Receipts receipts = sinks.receipts();
        assertThat(receipts.firstAt()).containsOnlyKeys(receipts.counts().keySet());
        assertThat(receipts.firstAt().values()).allSatisfy(at -> assertThat(at).isBetween(started, Instant.now()));
    }

    @Test
    void whileFailingEveryChannelFailsAndNothingReceivedBeforeIsForgotten() throws Exception {
        mail("<delivery-1.e1@example.local>");
        sinks.failing(true);

        assertThat(post("/hooks/generic", "{\"deliveryId\":5}", null)).isEqualTo(503);
        assertThatThrownBy(() -> mail("<delivery-2.e1@example.local>")).isInstanceOf(MessagingException.class);

        sinks.failing(false);
        mail("<delivery-1.e1@example.local>");
        assertThat(post("/hooks/generic", "{\"deliveryId\":5}", null)).isEqualTo(200);
        assertThat(sinks.received()).containsEntry(Sinks.mailKey(1), 2).containsEntry(Sinks.webhookKey(5), 1)
                .doesNotContainKey(Sinks.mailKey(2));
    }

    @Test
    void everyMailTheServerAcceptedIsCountedEvenWhenTheFailureStartsDuringItsTransfer() throws Exception {
        Set<Long> accepted = ConcurrentHashMap.newKeySet();
        AtomicBoolean sending = new AtomicBoolean(true);
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            long firstId = s * 1_000_000L;
            Thread sender = new Thread(() -> {
                for (long id = firstId; sending.get(); id++) {
                    try {
                        mail("<delivery-" + id + ".e1@example.local>");
                        accepted.add(id);
                    } catch (MessagingException refused) {
                        // refused while failing: the sender knows it did not arrive
                    }
                }
            });
            sender.start();
            senders.add(sender);
        }
        for (int window = 0; window < 40; window++) {
            int before = accepted.size();
            long giveUpAt = System.nanoTime() + 10_000_000_000L;
            while (accepted.size() < before + 8 && System.nanoTime() < giveUpAt) {
                Thread.sleep(1);
            }
            sinks.failing(true);
            Thread.sleep(5);
            sinks.failing(false);
        }
        sending.set(false);
        for (Thread sender : senders) {
            sender.join();
        }

        Map<String, Integer> received = sinks.received();
        assertThat(accepted).hasSizeGreaterThanOrEqualTo(320);
        assertThat(accepted).allSatisfy(id -> assertThat(received).containsKey(Sinks.mailKey(id)));
    }

    private int post(String path, String body, String eventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (eventId != null) {
            request.header("X-Event-Id", eventId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void mail(String messageId) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(smtpPort));
        properties.put("mail.smtp.connectiontimeout", "2000");
        MimeMessage message = new MimeMessage(Session.getInstance(properties)) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress("incidents@example.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("oncall@example.local"));
        message.setSubject("SEV2");
        message.setText("body");
        Transport.send(message);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
