package io.incidents.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ./stack faults [--quick]}: runs every scenario against the stack the script started,
 * prints a table and writes {@code target/faults/results.json}. Exits 1 when anything was lost
 * or duplicated or a scenario could not run, 2 on a wrong command line.
 */
public final class FaultsMain {

    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

    private FaultsMain() {
    }

    public static void main(String[] args) throws Exception {
        FaultsOptions options;
        try {
            options = FaultsOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(FaultsOptions.USAGE);
            System.exit(2);
            return;
        }
        Targets targets = options.targets();
        List<Scenario> scenarios = List.<Scenario>of(
                        new ConflictingCommands(options.run()),
                        new PoisonRecords(),
                        new TwoInstancesOfEach(targets, options.instanceStep(), options.run()),
                        new KillService("incident-service"),
                        new KillService("timeline-service"),
                        new KillService("notification-service"),
                        new BrokerStopped(),
                        new PostgresRestarted(),
                        new PostgresStalled(),
                        new ChannelsDown(options.quick()))
                .stream().filter(scenario -> options.runs(scenario.name())).toList();
        List<ScenarioResult> results = new ArrayList<>();
        Instant started = Instant.now();
        try (Sinks sinks = Sinks.start(options.sinkPort(), options.smtpPort()); Kafka kafka = new Kafka(targets.kafka())) {
            HttpClient http = RetryingClient.newHttpClient();
            OperationLog log = new OperationLog();
            Api api = new Api(new RetryingClient(http, Duration.ofMinutes(10)), targets, "Bearer " + issueToken(http, targets), log);
            ScenarioRunner runner = new ScenarioRunner(options, api, log, new StackControl(options.stack()), sinks, kafka,
                    new Databases(targets.postgres()), ADMIN);
            for (Scenario scenario : scenarios) {
                try {
                    results.add(runner.run(scenario));
                } catch (Exception e) {
                    Say.line("%s could not run: %s", scenario.name(), e);
                    results.add(new ScenarioResult(scenario.name(), 0, 0, 0, 0, 0, null, List.of("could not run: " + e)));
                }
                ResultsFile.write(results, options.results());
            }
        }
        long operations = results.stream().mapToLong(ScenarioResult::operations).sum();
        System.out.println();
        System.out.print(ResultsFile.table(results));
        System.out.printf("%d operations in %d min; results in %s%n", operations,
                Duration.between(started, Instant.now()).toMinutes(), options.results());
        boolean clean = results.stream().allMatch(ScenarioResult::clean);
        if (!clean) {
            // Again at the end, where a CI log's tail shows it: what each failed scenario found.
            results.stream().filter(result -> !result.clean()).forEach(result -> System.out.printf("%s:%n    %s%n",
                    result.name(), String.join("\n    ", Stream.concat(result.broken().stream().map(text -> "NOT KEPT: " + text),
                            result.notes().stream().limit(8)).toList())));
            System.out.println("FAILED: something was lost, duplicated, did not recover or a promise was not kept"
                    + " (see the notes above and in the results)");
        }
        // Explicitly: the HTTP client's and the Kafka client's threads would otherwise keep the JVM up.
        System.exit(clean ? 0 : 1);
    }

    /** A RESPONDER API token of the run's own, accepted by every service before the run starts. */
    private static String issueToken(HttpClient http, Targets targets) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String body = json.createObjectNode().put("name", "fault suite " + Instant.now().getEpochSecond()).put("role", "RESPONDER")
                .put("expiresAt", Instant.now().plus(Duration.ofHours(12)).truncatedTo(ChronoUnit.SECONDS).toString()).toString();
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(targets.incidentService().resolve("/api/v1/admin/tokens"))
                .header("Authorization", ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (issued.statusCode() != 201) {
            throw new IllegalStateException("no API token: " + issued.statusCode() + " " + issued.body());
        }
        JsonNode token = json.readTree(issued.body());
        String authorization = "Bearer " + token.path("token").asText();
        for (URI read : List.of(targets.timelineService().resolve("/api/v1/incidents?size=1"),
                targets.notificationService().resolve("/api/v1/notifications?incidentId=none"))) {
            long giveUpAt = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (http.send(HttpRequest.newBuilder(read).header("Authorization", authorization).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                if (System.nanoTime() > giveUpAt) {
                    throw new IllegalStateException("the API token is not accepted by " + read);
                }
                Thread.sleep(250);
            }
        }
        return token.path("token").asText();
    }
}
