package io.incidents.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The receivers of every notification: an HTTP endpoint for chat and JSON webhooks and an SMTP
 * server, in this process, counting each message by the id it carries (webhook {@code deliveryId},
 * chat {@code X-Event-Id} per channel, email {@code Message-ID}). While {@link #failing(boolean)}
 * every channel fails: webhooks answer 503 and the SMTP server is down.
 */
final class Sinks implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DELIVERY_IN_MESSAGE_ID = Pattern.compile("<delivery-(\\d+)\\.");

    private final HttpServer http;
    private final int smtpPort;
    private final Map<String, Integer> received = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstReceived = new ConcurrentHashMap<>();
    /**
     * The mailboxes of SMTP servers already stopped (each failure window stops one). Kept whole and
     * counted at every look, not counted once at the stop: a mail whose transfer was finishing as the
     * server stopped is stored a moment later, and its sender was told it arrived.
     */
    private final List<Managers> stoppedServers = new ArrayList<>();
    private GreenMail smtp;
    private volatile boolean failing;

    private Sinks(HttpServer http, int smtpPort) {
        this.http = http;
        this.smtpPort = smtpPort;
    }

    static Sinks start(int httpPort, int smtpPort) throws IOException {
        // Without TCP_NODELAY each answer waits 40 ms for the client's delayed acknowledgement
        // (see local-infra's DemoSinks); read when the JDK's HttpServer is first used.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 200);
        Sinks sinks = new Sinks(http, smtpPort);
        http.createContext("/hooks/", sinks::receive);
        http.setExecutor(Executors.newFixedThreadPool(16));
        http.start();
        sinks.startSmtp();
        return sinks;
    }

    static String mailKey(long deliveryId) {
        return "mail:" + deliveryId;
    }

    static String webhookKey(long deliveryId) {
        return "webhook:" + deliveryId;
    }

    static String chatKey(String path, String eventId) {
        return "chat:" + path + ":" + eventId;
    }

    synchronized void failing(boolean fail) {
        if (fail == failing) {
            return;
        }
        failing = fail;
        if (fail) {
            // GreenMail.stop() gives the server fresh, empty mailboxes; keep the ones it had.
            stoppedServers.add(smtp.getManagers());
            smtp.stop();
        } else {
            startSmtp();
        }
    }

    /**
     * What the receivers got: each message key with how many times it arrived and when it first did.
     *
     * @param counts  each key with how many times it arrived
     * @param firstAt when each key first arrived
     */
    record Receipts(Map<String, Integer> counts, Map<String, Instant> firstAt) {
    }

    /** Each message key with how many times it arrived. */
    Map<String, Integer> received() {
        return receipts().counts();
    }

    /** Every receipt so far: webhooks and chat as they came, every mailbox (the stopped servers' too) read once. */
    synchronized Receipts receipts() {
        Map<String, Integer> counts = new HashMap<>(received);
        Map<String, Instant> firstAt = new HashMap<>(firstReceived);
        List<Managers> mailboxes = new ArrayList<>(stoppedServers);
        if (!failing) {
            mailboxes.add(smtp.getManagers());
        }
        for (Managers server : mailboxes) {
            for (StoredMessage mail : server.getImapHostManager().getAllMessages()) {
                String key = mailKeyOf(mail.getMimeMessage());
                counts.merge(key, 1, Integer::sum);
                firstAt.merge(key, mail.getReceivedDate().toInstant(), (one, other) -> one.isBefore(other) ? one : other);
            }
        }
        return new Receipts(counts, firstAt);
    }

    private void startSmtp() {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    private static String mailKeyOf(MimeMessage mail) {
        try {
            String messageId = mail.getMessageID();
            Matcher delivery = messageId == null ? null : DELIVERY_IN_MESSAGE_ID.matcher(messageId);
            return delivery != null && delivery.find() ? mailKey(Long.parseLong(delivery.group(1))) : "mail-without-id:" + messageId;
        } catch (MessagingException e) {
            return "mail-unreadable";
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (failing) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String key = keyOf(path, body, exchange.getRequestHeaders().getFirst("X-Event-Id"));
            firstReceived.putIfAbsent(key, Instant.now());
            received.merge(key, 1, Integer::sum);
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static String keyOf(String path, byte[] body, String eventId) {
        if (path.equals("/hooks/generic")) {
            try {
                JsonNode json = JSON.readTree(body);
                return json.has("deliveryId") ? webhookKey(json.path("deliveryId").asLong()) : "webhook-without-id";
            } catch (IOException e) {
                return "webhook-not-json";
            }
        }
        return eventId == null ? "chat-without-id:" + path : chatKey(path, eventId);
    }

    @Override
    public synchronized void close() {
        http.stop(0);
        if (!failing) {
            smtp.stop();
        }
    }
}
