package io.incidents.faults;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line {@code ./stack faults} passes.
 *
 * @param quick                 the short form (CI): fewer operations at a lower rate, a 1-minute channel outage
 * @param only                  names of scenarios to run (a part of the name is enough); empty: all
 * @param stack                 the {@code stack} script that controls the processes
 * @param targets               where everything answers
 * @param sinkPort              where the receivers of webhooks listen
 * @param smtpPort              where the receiving SMTP server listens
 * @param instanceStep          a second instance of a service listens on its port + this (as with ./stack up --instances 2)
 * @param results               where the JSON results go
 * @param run                   a prefix of every marker, unique to this run
 */
record FaultsOptions(boolean quick, List<String> only, Path stack, Targets targets, int sinkPort, int smtpPort,
                     int instanceStep, Path results, String run) {

    static final String USAGE = "usage: faults [--quick] [--only=NAME,...] --stack=PATH --incident-service=URL --timeline-service=URL"
            + " --notification-service=URL --postgres=HOST:PORT --kafka=HOST:PORT --sink-port=N --smtp-port=N"
            + " --instance-step=N --results=PATH";

    static FaultsOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        boolean quick = false;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.startsWith("--") && arg.contains("=")) {
                values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        Targets targets = new Targets(URI.create(required(values, "incident-service")), URI.create(required(values, "timeline-service")),
                URI.create(required(values, "notification-service")), required(values, "postgres"), required(values, "kafka"));
        List<String> only = values.containsKey("only") ? List.of(values.get("only").split(",")) : List.of();
        return new FaultsOptions(quick, only, Path.of(required(values, "stack")), targets, number(values, "sink-port"),
                number(values, "smtp-port"), number(values, "instance-step"), Path.of(required(values, "results")),
                "faults-" + LocalTime.now().format(DateTimeFormatter.ofPattern("HHmmss")));
    }

    /** 2,100 per scenario in the full run (over 20,000 in all), 200 in the quick one. */
    int operationsPerScenario() {
        return quick ? 200 : 2_100;
    }

    /**
     * The workload's steady rate: about what the notification workers of the suite's stack deliver
     * (each operation makes two or three messages), so a fault's backlog drains within minutes.
     */
    int operationsPerSecond() {
        return quick ? 10 : 30;
    }

    int timerProbes() {
        return 3;
    }

    boolean runs(String scenario) {
        return only.isEmpty() || only.stream().anyMatch(part -> scenario.toLowerCase().contains(part.toLowerCase()));
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is missing");
        }
        return value;
    }

    private static int number(Map<String, String> values, String name) {
        try {
            return Integer.parseInt(required(values, name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number");
        }
    }
}
