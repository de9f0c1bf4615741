package io.incidents.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * 200 commands at once on 5 incidents, 40 each, that contradict one another: resolutions,
 * reopenings and status updates racing on the same aggregates. Whatever each gets (accepted, or
 * refused because another won), the store must hold exactly the accepted ones.
 */
final class ConflictingCommands implements Scenario {

    private static final int INCIDENTS = 5;
    private static final int COMMANDS = 200;
    private static final int AT_ONCE = 50;

    private final String run;

    ConflictingCommands(String run) {
        this.run = run;
    }

    @Override
    public String name() {
        return "200 conflicting commands";
    }

    @Override
    public Instant inject(FaultContext context) throws Exception {
        context.timersDueSoon();
        Api api = context.api();
        List<String> incidents = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            String id = api.declare(name(), marker("contested", i), "SEV3");
            if (id == null || !api.acknowledge(name(), id)) {
                throw new IllegalStateException("could not set up contested incident " + i);
            }
            incidents.add(id);
        }
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < COMMANDS; i++) {
                String incident = incidents.get(i % INCIDENTS);
                int command = i;
                answers.add(pool.submit(() -> switch (command % 4) {
                    case 1 -> api.resolve(name(), incident, marker("resolve", command));
                    case 2 -> api.reopen(name(), incident, marker("reopen", command));
                    default -> api.status(name(), incident, "IDENTIFIED", marker("status", command));
                }));
            }
            for (Future<Boolean> answer : answers) {
                answer.get();
            }
        } finally {
            pool.shutdown();
        }
        return Instant.now();
    }

    private String marker(String what, int n) {
        return run + "-conflict-" + what + "-" + n;
    }
}
