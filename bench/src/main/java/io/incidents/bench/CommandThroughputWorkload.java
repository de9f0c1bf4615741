package io.incidents.bench;

import java.util.List;

/**
 * How many commands incident-service takes a second (issue "Performance", workload 1): whole
 * incident lifecycles (declare, acknowledge, resolve; SEV4, so nobody is paged) through the HTTP
 * API with an API token, 32 clients in a closed loop. Baseline: the same number of clients each
 * running one plain JDBC transaction per command (a read and an insert of an event's size) on the
 * same PostgreSQL ({@link PlainJdbcCommands}). Goals: >= 3,000 commands/s and ratio >= 0.5.
 */
final class CommandThroughputWorkload implements Workload {

    private static final String NAME = "command-throughput";
    private static final int CLIENTS = 32;

    private final Http http;
    private final Targets targets;

    CommandThroughputWorkload(Http http, Targets targets) {
        this.http = http;
        this.targets = targets;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Goal goal() {
        return new Goal(">= 3000 commands/s, ratio >= 0.5",
                result -> result.value() >= 3000 && result.ratio() != null && result.ratio() >= 0.5);
    }

    @Override
    public List<WorkloadResult> run(RunProfile profile) throws InterruptedException {
        try (ApiToken token = ApiToken.issue(http, targets, NAME, "RESPONDER");
             PlainJdbcCommands plain = PlainJdbcCommands.connect(targets.postgres(), CLIENTS);
             ClosedLoopLoad load = new ClosedLoopLoad(http.client(), CLIENTS)) {
            CommandLifecycles commands = new CommandLifecycles(http.client(), targets.incidentService(),
                    targets.timelineService(), token, CLIENTS);
            AlternatingComparison.Outcome outcome = new AlternatingComparison(NAME, load).run(
                    AlternatingComparison.Side.of(plain::command), AlternatingComparison.Side.of(commands::next), profile);
            commands.finish();
            return List.of(WorkloadResult.throughput(NAME, "commands/s", outcome.measured().perSecond(),
                    outcome.baseline().perSecond(), outcome.measured().latencies()));
        }
    }
}
