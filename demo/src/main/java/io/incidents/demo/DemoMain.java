package io.incidents.demo;

import java.time.Instant;
import java.util.List;

/**
 * {@code ./stack up --demo}: imports the history (printing {@code HISTORY-DONE} or
 * {@code HISTORY-FAILED}, which the stack waits for), then plays live incidents until stopped.
 * Exit 2 on a wrong command line.
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help")) {
            System.out.println(DemoOptions.USAGE);
            return;
        }
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        List<PastIncident> history = new HistoryGenerator(options.seed()).history(Instant.now(), options.days());
        if (options.printHistory()) {
            System.out.println(HistoryImport.body(history));
            return;
        }
        Api api = new Api();
        waitUntilHealthy(api, options);
        Say.say("history: %d past incidents over %d days (seed %d)", history.size(), options.days(), options.seed());
        try {
            HistoryImport.Result result = new HistoryImport(api, options).send(history);
            Say.say("HISTORY-DONE %d past incidents over %d days (%d new, %d already there)",
                    history.size(), options.days(), result.imported(), result.alreadyPresent());
        } catch (RuntimeException e) {
            Say.say("HISTORY-FAILED %s", e.getMessage());
        }
        if (!options.historyOnly()) {
            new LiveTraffic(api, options).run();
        }
    }

    private static void waitUntilHealthy(Api api, DemoOptions options) {
        for (int attempt = 0; attempt < 180; attempt++) {
            if (api.get(options.incidentService(), "/actuator/health", null).ok()
                    && api.get(options.timelineService(), "/actuator/health", null).ok()) {
                return;
            }
            Responder.pause(1);
        }
        Say.say("the services did not answer within 3 minutes; trying anyway");
    }
}
