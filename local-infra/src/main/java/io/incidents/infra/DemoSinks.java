package io.incidents.infra;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Where the local stack's notifications go, so they are visible without the internet: an SMTP
 * server (GreenMail) and an HTTP endpoint that accepts any webhook POST under {@code /hooks/}.
 * {@code GET /} on the HTTP port lists what arrived, newest first (the last 500 webhooks and emails).
 */
final class DemoSinks implements AutoCloseable {

    private static final int MAX_KEPT = 500;

    private final HttpServer http;
    private final GreenMail smtp;
    private final List<String> webhooks = Collections.synchronizedList(new ArrayList<>());

    private DemoSinks(HttpServer http, GreenMail smtp) {
        this.http = http;
        this.smtp = smtp;
    }

    static DemoSinks start(int httpPort, int smtpPort) throws IOException {
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        // Answers in one go: without TCP_NODELAY the JDK's server sends the body after the headers
        // only once the client acknowledges them, which Linux delays by 40 ms, so each webhook took
        // 47 ms instead of 3 (one destination's backlog drained at 21 a second). Read once, when
        // the JDK's HttpServer is first used, so before the first create.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
        DemoSinks sinks = new DemoSinks(http, smtp);
        http.createContext("/hooks/", sinks::receive);
        http.createContext("/", sinks::list);
        // Several at once, as a real webhook receiver answers: the bench's notification-throughput
        // and its baseline both send here, and one thread would bound both figures.
        http.setExecutor(Executors.newFixedThreadPool(8));
        http.start();
        return sinks;
    }

    private void receive(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String signature = exchange.getRequestHeaders().getFirst("X-Signature");
        synchronized (webhooks) {
            webhooks.add(0, Instant.now() + " POST " + exchange.getRequestURI()
                    + (signature == null ? "" : " X-Signature: " + signature) + "\n  " + body);
            if (webhooks.size() > MAX_KEPT) {
                webhooks.remove(webhooks.size() - 1);
            }
        }
        answer(exchange, 200, "ok");
    }

    private void list(HttpExchange exchange) throws IOException {
        StringBuilder page = new StringBuilder("Webhooks received (newest first)\n\n");
        synchronized (webhooks) {
            webhooks.forEach(line -> page.append(line).append("\n\n"));
        }
        page.append("\nEmails received (newest first)\n\n");
        MimeMessage[] mails = smtp.getReceivedMessages();
        for (int i = mails.length - 1; i >= Math.max(0, mails.length - MAX_KEPT); i--) {
            page.append(describe(mails[i])).append("\n\n");
        }
        answer(exchange, 200, page.toString());
    }

    private static String describe(MimeMessage mail) {
        try {
            return "To: " + String.join(", ", List.of(mail.getAllRecipients()).stream().map(Object::toString).toList())
                    + "\nSubject: " + mail.getSubject() + "\n" + mail.getContent();
        } catch (MessagingException | IOException e) {
            return "(unreadable message: " + e.getMessage() + ")";
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        smtp.stop();
    }
}
