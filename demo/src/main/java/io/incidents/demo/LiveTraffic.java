package io.incidents.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live incidents until the stack stops: a new one every 20-40 s, each a short script a monitoring
 * system and a responder would play, so that within one cycle (about five minutes) the board has
 * shown alerts in all three formats, every severity, an escalation by timeout, each rollback
 * procedure (a failed one, and a D left running past its one-minute bound), status updates,
 * roles, resolutions, a reopen and action items. At most {@value #MAX_OPEN} run at once.
 */
final class LiveTraffic {

    static final int MAX_OPEN = 8;

    /** One incident's script. */
    private record Scenario(String name, boolean longRunning, Script script) {
    }

    @FunctionalInterface
    private interface Script {
        void play(Responder responder, String key);
    }

    private static final List<String> PEOPLE = HistoryGenerator.PEOPLE;

    private final Api api;
    private final DemoOptions options;
    private final Random random = new Random();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean longOneRunning = new AtomicBoolean();
    private final ExecutorService pool = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "demo-incident");
        thread.setDaemon(true);
        return thread;
    });
    /** Makes this run's dedup keys its own: an earlier run's incident left open must not take this run's alerts. */
    private final String run = Long.toString(Instant.now().getEpochSecond(), 36);
    private int started;

    LiveTraffic(Api api, DemoOptions options) {
        this.api = api;
        this.options = options;
    }

    void run() {
        List<Scenario> cycle = scenarios();
        closeLeftovers();
        Say.say("live: a new incident every 20-40 s, at most %d open at once", MAX_OPEN);
        for (int next = 0; ; next++) {
            Scenario scenario = cycle.get(next % cycle.size());
            if (running.get() < MAX_OPEN && (!scenario.longRunning() || longOneRunning.compareAndSet(false, true))) {
                start(scenario);
            }
            Responder.pause(20 + random.nextInt(21));
        }
    }

    private void start(Scenario scenario) {
        int number = ++started;
        String key = run + "-" + number;
        running.incrementAndGet();
        pool.execute(() -> {
            Responder responder = new Responder(api, options, "live #" + number + " " + scenario.name());
            try {
                scenario.script().play(responder, key);
            } catch (RuntimeException e) {
                Say.say("live #%d %s stopped: %s", number, scenario.name(), e.getMessage());
            } finally {
                running.decrementAndGet();
                if (scenario.longRunning()) {
                    longOneRunning.set(false);
                }
            }
        });
    }

    private int between(int min, int max) {
        synchronized (random) {
            return min + random.nextInt(max - min + 1);
        }
    }

    private void pause(int min, int max) {
        Responder.pause(between(min, max));
    }

    private String person() {
        return PEOPLE.get(between(0, PEOPLE.size() - 1));
    }

    private String otherThan(String person) {
        String other = person();
        return other.equals(person) ? PEOPLE.get((PEOPLE.indexOf(person) + 1) % PEOPLE.size()) : other;
    }

    private List<Scenario> scenarios() {
        return List.of(
                new Scenario("checkout outage", false, this::checkoutOutage),
                new Scenario("search slow", false, this::searchSlow),
                new Scenario("billing pool", false, this::billingPool),
                new Scenario("admin API breach", false, this::adminApiBreach),
                new Scenario("cosmetic", false, this::cosmetic),
                new Scenario("payments unattended", true, this::paymentsUnattended),
                new Scenario("chat down", false, this::chatDown),
                new Scenario("email reopened", false, this::emailReopened),
                new Scenario("login latency", false, this::loginLatency),
                new Scenario("notifications leak", false, this::notificationsLeak));
    }

    /** Native alert, error rate over 10 %: SEV1, ROLLBACK_NOW; procedure A, completed. */
    private void checkoutOutage(Responder r, String key) {
        String dedupKey = "checkout-5xx-" + key;
        Instant sent = Instant.now();
        r.nativeAlert(new HashMap<>(Map.of("dedupKey", dedupKey, "summary", "Checkout error rate above 10%",
                "source", "prometheus", "service", "checkout", "errorRate", 12.5, "status", "firing",
                "details", Map.of("region", "eu-1", "dashboard", "checkout-overview"))));
        String id = r.incidentOf(dedupKey, "checkout", sent);
        pause(15, 40);
        r.acknowledge(id);
        String commander = person();
        r.role(id, "INCIDENT_COMMANDER", commander);
        r.publish(id, "INVESTIGATING", "Some customers cannot complete checkout. We are investigating.",
                "Checkout errors", List.of("Checkout"));
        pause(15, 30);
        String rollback = r.startRollback(id, "A", List.of("checkout"), "v2.14.3", "v2.15.0 raised the error rate to 12 %");
        r.status(id, "IDENTIFIED", "A faulty release was identified; we are rolling it back.");
        pause(60, 100);
        r.completeRollback(id, rollback);
        r.status(id, "MONITORING", "The previous release is back; we are monitoring checkout.");
        pause(30, 50);
        r.resolve(id, "Rolled back to v2.14.3; error rate back under 1 %", "v2.15.0 broke the payment token refresh");
        r.nativeAlert(new HashMap<>(Map.of("dedupKey", dedupKey, "summary", "Checkout error rate above 10%",
                "source", "prometheus", "service", "checkout", "status", "resolved")));
        r.actionItem(id, "Add a canary stage to checkout deployments", commander, 14);
    }

    /** Alertmanager, severity warning: SEV3; resolved by the alert itself (auto-resolve). */
    private void searchSlow(Responder r, String key) {
        String fingerprint = "search-latency-" + key;
        Instant sent = Instant.now();
        r.alertmanager(alertmanager("firing", fingerprint, Map.of("alertname", "SearchLatencyHigh", "severity", "warning",
                "service", "search"), "Search latency p99 above 3 s", sent));
        String id = r.incidentOf(fingerprint, "search", sent);
        pause(40, 70);
        r.acknowledge(id);
        r.role(id, "TECHNICAL_LEAD", person());
        pause(20, 40);
        r.publish(id, "IDENTIFIED", "Search is slow for some customers; an overloaded index node is the cause.",
                "Slow search", List.of("Search"));
        pause(50, 90);
        r.alertmanager(alertmanager("resolved", fingerprint, Map.of("alertname", "SearchLatencyHigh", "severity", "warning",
                "service", "search"), "Search latency p99 above 3 s", sent));
    }

    /** PagerDuty, severity error with a 6.5 % error rate: SEV2 (ROLLBACK within 15 min); procedure B; acked and resolved by PagerDuty events. */
    private void billingPool(Responder r, String key) {
        String dedupKey = "billing-db-pool-" + key;
        Map<String, Object> payload = Map.of("summary", "DB connection pool exhausted on billing-api",
                "source", "billing-api-7f9c", "severity", "error", "component", "billing",
                "custom_details", Map.of("error_rate", 6.5, "pool", "primary"));
        Instant sent = Instant.now();
        r.pagerDuty("trigger", dedupKey, payload);
        String id = r.incidentOf(dedupKey, "billing", sent);
        pause(20, 40);
        r.pagerDuty("acknowledge", dedupKey, null);
        r.role(id, "INCIDENT_COMMANDER", person());
        r.publish(id, "INVESTIGATING", "Some invoices are delayed. We are investigating.", "Delayed invoices",
                List.of("Billing"));
        pause(20, 30);
        String rollback = r.startRollback(id, "B", List.of("billing"), "v5.2.0",
                "v5.3.0 and its migration hold locks on the invoices table");
        pause(80, 120);
        r.completeRollback(id, rollback);
        r.status(id, "MONITORING", "Billing is back on the previous release; invoices are going out again.");
        pause(20, 40);
        r.pagerDuty("resolve", dedupKey, null);
        r.actionItem(id, "Run migrations against a production-sized copy before release", person(), 21);
    }

    /** By hand, SEV1: procedure D (emergency shutdown) left running past its one-minute bound. */
    private void adminApiBreach(Responder r, String key) {
        String id = r.declare("Unauthorised access to the admin API", "Security monitoring flagged admin API calls"
                + " with a token that should not exist.", "SEV1", List.of("admin-api", "auth"));
        pause(10, 20);
        r.acknowledge(id);
        String commander = person();
        r.role(id, "INCIDENT_COMMANDER", commander);
        r.role(id, "COMMUNICATIONS_LEAD", otherThan(commander));
        pause(5, 15);
        String rollback = r.startRollback(id, "D", List.of("admin-api", "auth"), "offline",
                "Suspected breach: take admin-api and auth offline until the token is revoked");
        pause(110, 140);
        r.completeRollback(id, rollback);
        r.status(id, "IDENTIFIED", "We identified the cause and have revoked the affected credentials.");
        pause(20, 40);
        r.resolve(id, "Token revoked, every admin token rotated, services back online",
                "An API token leaked in a public CI log");
        r.actionItem(id, "Scan CI logs for secrets on every build", commander, 7);
        r.actionItem(id, "Require MFA for every admin account", person(), 14);
    }

    /** By hand, SEV4: logged, fixed forward. */
    private void cosmetic(Responder r, String key) {
        String id = r.declare("Admin UI button misaligned on Safari", "Reported by support; no functional impact.",
                "SEV4", List.of("admin-ui"));
        pause(30, 60);
        r.acknowledge(id);
        pause(40, 80);
        r.resolve(id, "CSS fix deployed", "A flexbox rule Safari does not support");
        r.actionItem(id, "Add Safari to the visual regression checks", person(), 30);
    }

    /** PagerDuty, SEV2, nobody acknowledges for 17 minutes: escalated by timeout at 15 minutes (level 2 to 3). */
    private void paymentsUnattended(Responder r, String key) {
        String dedupKey = "payments-provider-" + key;
        Instant sent = Instant.now();
        r.pagerDuty("trigger", dedupKey, Map.of("summary", "Payment provider timeouts above 5%", "source", "payments-gw-2",
                "severity", "error", "component", "payments"));
        String id = r.incidentOf(dedupKey, "payments", sent);
        Say.say("live: %s is left unacknowledged for 17 minutes: the timer escalates it at 15", id);
        Responder.pause(17 * 60);
        r.acknowledge(id);
        r.status(id, "IDENTIFIED", "Card payments are slow because of an outage at our payment provider; we switched"
                + " to the secondary provider.");
        pause(40, 70);
        r.pagerDuty("resolve", dedupKey, null);
    }

    /** Alertmanager, outage="true": SEV1 whatever the rate; procedure C fails, then A completes. */
    private void chatDown(Responder r, String key) {
        String fingerprint = "chat-delivery-" + key;
        Instant sent = Instant.now();
        Map<String, String> labels = Map.of("alertname", "ChatDeliveryFailing", "severity", "critical", "service", "chat",
                "outage", "true");
        r.alertmanager(alertmanager("firing", fingerprint, labels, "Chat messages not delivered", sent));
        String id = r.incidentOf(fingerprint, "chat", sent);
        pause(15, 30);
        r.acknowledge(id);
        r.status(id, "INVESTIGATING", "Chat messages are not being delivered. We are investigating.");
        pause(15, 25);
        String partial = r.startRollback(id, "C", List.of("chat"), "v3.8.1", "chat-gateway alone is failing after its deploy");
        pause(40, 60);
        r.failRollback(id, partial, "Health checks still failing after the partial rollback");
        pause(10, 20);
        String whole = r.startRollback(id, "A", List.of("chat"), "v3.8.0", "Roll back the whole chat release");
        pause(50, 80);
        r.completeRollback(id, whole);
        r.status(id, "MONITORING", "Messages are being delivered again; we are monitoring.");
        pause(20, 40);
        r.alertmanager(alertmanager("resolved", fingerprint, labels, "Chat messages not delivered", sent));
    }

    /** Native alert with a 3.2 % error rate: SEV3 (INVESTIGATE); escalated by hand, resolved, reopened, raised, resolved again. */
    private void emailReopened(Responder r, String key) {
        String dedupKey = "email-delay-" + key;
        Instant sent = Instant.now();
        r.nativeAlert(new HashMap<>(Map.of("dedupKey", dedupKey, "summary", "Email delivery delayed", "source", "mail-queue",
                "service", "email", "errorRate", 3.2, "status", "firing")));
        String id = r.incidentOf(dedupKey, "email", sent);
        pause(30, 50);
        r.acknowledge(id);
        pause(10, 20);
        r.escalate(id, "The support queue is growing");
        r.status(id, "IDENTIFIED", "Emails may arrive up to 20 minutes late; our mail relay is throttling us.");
        pause(40, 60);
        r.resolve(id, "Queue drained", "The SMTP relay throttled our sending quota");
        pause(30, 45);
        r.reopen(id, "Emails are delayed again");
        r.severity(id, "SEV2", "Password-reset emails are affected too");
        r.status(id, "INVESTIGATING", "Emails are delayed again, including password resets. We are on it.");
        pause(50, 80);
        r.resolve(id, "Relay quota raised and the queue drained", "The SMTP relay throttled our sending quota");
        r.actionItem(id, "Alert on mail queue age", person(), 10);
    }

    /** By hand, SEV2 lowered to SEV3 once the impact is known. */
    private void loginLatency(Responder r, String key) {
        String id = r.declare("Login latency p99 over 3 s", "Logins are slow in the EU region.", "SEV2", List.of("auth"));
        pause(20, 40);
        r.acknowledge(id);
        r.role(id, "INCIDENT_COMMANDER", person());
        pause(20, 30);
        r.severity(id, "SEV3", "Only one region is affected and logins still succeed");
        r.status(id, "MONITORING", "Logins are slower than usual in Europe; a fix is rolling out.");
        pause(40, 70);
        r.resolve(id, "Cache node replaced; latency back to baseline", "A failing cache node in eu-1");
    }

    /** Native alert with its own severity (warning): SEV3; procedure C, completed. */
    private void notificationsLeak(Responder r, String key) {
        String dedupKey = "notifications-oom-" + key;
        Instant sent = Instant.now();
        r.nativeAlert(new HashMap<>(Map.of("dedupKey", dedupKey, "summary", "OOM kills on notifications",
                "source", "kubernetes", "service", "notifications", "severity", "warning", "status", "firing")));
        String id = r.incidentOf(dedupKey, "notifications", sent);
        pause(30, 60);
        r.acknowledge(id);
        r.status(id, "IDENTIFIED", "Some notifications are delayed; a memory leak in the latest release is the cause.");
        pause(10, 20);
        String rollback = r.startRollback(id, "C", List.of("notifications"), "v1.9.4", "Only the notifications workers leak");
        pause(60, 90);
        r.completeRollback(id, rollback);
        pause(20, 40);
        r.resolve(id, "Notifications workers rolled back; memory flat", "A listener registered per request was never removed");
    }

    private static Map<String, Object> alertmanager(String status, String fingerprint, Map<String, String> labels, String summary,
                                                    Instant startsAt) {
        Map<String, Object> alert = new HashMap<>(Map.of("status", status, "labels", labels, "fingerprint", fingerprint,
                "annotations", Map.of("summary", summary, "description", summary + " (demo)"),
                "startsAt", startsAt.truncatedTo(ChronoUnit.SECONDS).toString()));
        if (status.equals("resolved")) {
            alert.put("endsAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        return Map.of("version", "4", "status", status, "receiver", "incidents", "groupKey", "{}:{alertname=\""
                + labels.get("alertname") + "\"}", "commonLabels", labels, "alerts", List.of(alert));
    }

    /**
     * Open incidents an earlier demo run left behind when the stack stopped (same titles, declared
     * before this run) are closed, so the board shows this run's. Anything else is left alone.
     */
    private void closeLeftovers() {
        Set<String> titles = Set.of("Checkout error rate above 10%", "Search latency p99 above 3 s",
                "DB connection pool exhausted on billing-api", "Unauthorised access to the admin API",
                "Admin UI button misaligned on Safari", "Payment provider timeouts above 5%", "Chat messages not delivered",
                "Email delivery delayed", "Login latency p99 over 3 s", "OOM kills on notifications");
        Responder r = new Responder(api, options, "leftovers");
        Instant now = Instant.now();
        for (String status : List.of("OPEN", "ACKNOWLEDGED", "MITIGATED")) {
            Api.Answer list = api.get(options.timelineService(), "/api/v1/incidents?status=" + status + "&size=500",
                    options.responder());
            for (JsonNode item : list.body().path("items")) {
                Instant declared = Instant.parse(item.path("declaredAt").asText(now.toString()));
                if (titles.contains(item.path("title").asText()) && declared.isBefore(now)) {
                    r.resolve(item.path("id").asText(), "Closed by the demo: an earlier run stopped before resolving it",
                            "The stack was stopped during the demo");
                }
            }
        }
    }
}
