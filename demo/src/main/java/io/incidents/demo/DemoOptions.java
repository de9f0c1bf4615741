package io.incidents.demo;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The command line. Defaults are the local stack's (SPEC section 9).
 *
 * @param days         how far back the history reaches (at least 90, so the SLA charts' longest period is full)
 * @param seed         the history's seed: the same seed gives the same incidents, so a restarted stack imports nothing twice
 * @param printHistory print the import body instead of sending it, and stop
 * @param historyOnly  import the history, then stop (no live traffic)
 */
record DemoOptions(URI incidentService, URI timelineService, Login responder, Login admin, String integrationKey,
                   int days, long seed, boolean printHistory, boolean historyOnly) {

    static final String USAGE = """
            usage: java -jar demo.jar [--help] [--incident-service=http://127.0.0.1:8081] [--timeline-service=http://127.0.0.1:8082]
                                      [--responder=oncall:oncall] [--admin=admin:admin] [--integration-key=local-dev-key]
                                      [--days=95] [--seed=20261126] [--history-only | --print-history]""";

    static DemoOptions parse(String... args) {
        Map<String, String> values = new HashMap<>(Map.of(
                "incident-service", "http://127.0.0.1:8081", "timeline-service", "http://127.0.0.1:8082",
                "responder", "oncall:oncall", "admin", "admin:admin", "integration-key", "local-dev-key",
                "days", "95", "seed", "20261126"));
        boolean print = false;
        boolean historyOnly = false;
        for (String arg : args) {
            if (arg.equals("--print-history")) {
                print = true;
            } else if (arg.equals("--history-only")) {
                historyOnly = true;
            } else if (arg.startsWith("--") && arg.contains("=") && values.containsKey(arg.substring(2, arg.indexOf('=')))) {
                values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        int days = Integer.parseInt(values.get("days"));
        if (days < 1 || days > 3650) {
            throw new IllegalArgumentException("--days must be between 1 and 3650");
        }
        return new DemoOptions(URI.create(values.get("incident-service")), URI.create(values.get("timeline-service")),
                Login.parse(values.get("responder")), Login.parse(values.get("admin")), values.get("integration-key"),
                days, Long.parseLong(values.get("seed")), print, historyOnly);
    }
}
