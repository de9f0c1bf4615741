package io.incidents.faults;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Two instances of every service under the workload (SPEC 9, {@code ./stack up --instances 2}):
 * a second incident-service, timeline-service and notification-service join, and the workload's
 * commands and alerts go to both incident-service instances in turn. Checked in order:
 * <ol>
 *   <li>the consumer groups share their partitions between the instances;</li>
 *   <li>alert dedup and an integration's rate limit hold across incident-service instances;</li>
 *   <li>the dashboard's live updates reach a viewer on either timeline-service instance;</li>
 *   <li>a replay asked of both timeline-service instances at once runs once at a time;</li>
 *   <li>the instance whose relay publishes is killed (kill -9) while escalation deadlines fall due:
 *       the other takes the relay over within {@link #TAKEOVER_LIMIT}, the relay's claim never
 *       moves otherwise, and each deadline fires once (the timer probes);</li>
 *   <li>the second timeline-service stops and the second notification-service is killed: the
 *       first instances' consumers take every partition back.</li>
 * </ol>
 * The common audit then finds nothing lost or doubled.
 */
final class TwoInstancesOfEach implements Scenario {

    /** Axon gives a dead node's claim up after 10 s and looks for unclaimed segments every 5 s. */
    static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(30);
    private static final Duration TAKEOVER_PATIENCE = Duration.ofSeconds(90);
    private static final String INCIDENTS = "incident-service";
    private static final String TIMELINE = "timeline-service";
    private static final String NOTIFICATIONS = "notification-service";
    private static final List<String> SERVICES = List.of(INCIDENTS, TIMELINE, NOTIFICATIONS);

    private final Targets targets;
    private final int instanceStep;
    private final String run;
    private final List<String> notes = new ArrayList<>();
    private final List<String> broken = new ArrayList<>();
    private final List<String> relayOwners = new ArrayList<>();
    private volatile Instant notificationsKilledAt;
    private volatile boolean sampling;

    TwoInstancesOfEach(Targets targets, int instanceStep, String run) {
        this.targets = targets;
        this.instanceStep = instanceStep;
        this.run = run;
    }

    @Override
    public String name() {
        return "2 instances of each service";
    }

    @Override
    public Instant inject(FaultContext context) throws Exception {
        ConsumerGroupShares groups = new ConsumerGroupShares(context.kafka());
        groups.rememberOneInstance();
        startSecondInstances(context);
        context.api().incidentService().add(second(targets.incidentService()));
        Thread sampler = sampleRelayOwners(context);
        try {
            check("partitions shared", groups.awaitShared());
            check("dedup and rate limit", SharedAlertLimits.check(context, context.api().incidentService().all(),
                    run + "-shared-limit-" + System.nanoTime()));
            check("live updates", LiveUpdatesOnEither.check(context, List.of(targets.timelineService(), second(targets.timelineService())),
                    name(), run + "-live-" + System.nanoTime()));
            Findings replay = CoordinatedReplay.run(context, targets.timelineService(), second(targets.timelineService()));
            notes.addAll(replay.notes());
            check("replay", replay.broken());
            killTheRelayAndRestartIt(context);
        } finally {
            sampling = false;
            sampler.join();
        }
        notificationsKilledAt = Instant.now();
        context.stack().kill(name(NOTIFICATIONS));
        context.stack().stop(name(TIMELINE));
        check("rebalanced", groups.awaitOneInstanceHoldsAll());
        return Instant.now();
    }

    private void startSecondInstances(FaultContext context) {
        List<CompletableFuture<Void>> starts = SERVICES.stream().map(service -> CompletableFuture.runAsync(() -> {
            try {
                context.stack().start(service, name(service), Integer.toString(port(service) + instanceStep));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        })).toList();
        try {
            starts.forEach(CompletableFuture::join);
        } catch (CompletionException e) {
            throw new IllegalStateException("a second instance did not start: " + e.getCause().getMessage(), e.getCause());
        }
        Say.line("a second instance of each service is healthy");
    }

    /**
     * Kills the incident-service instance that holds the relay's claim, with the timer probes due
     * at once, and measures until the other holds the claim and has published past where the dead
     * one stopped. Then starts the dead one again, as an orchestrator would.
     */
    private void killTheRelayAndRestartIt(FaultContext context) throws Exception {
        RelayToken before = RelayToken.read(context.databases());
        String holder = null;
        for (String instance : List.of(INCIDENTS, name(INCIDENTS))) {
            if (context.stack().pidOf(instance).map(before::ownedBy).orElse(false)) {
                holder = instance;
            }
        }
        if (holder == null) {
            broken.add("the relay's claim is held by " + before.owner() + ", neither incident-service instance");
            return;
        }
        context.timersDueSoon();
        context.stack().kill(holder);
        long killedAt = System.nanoTime();
        Say.line("killed %s, which held the relay's claim (%s) at index %d", holder, before.owner(), before.index());
        Double takeover = null;
        while (System.nanoTime() - killedAt < TAKEOVER_PATIENCE.toNanos()) {
            RelayToken now = RelayToken.read(context.databases());
            if (now.owner() != null && !now.owner().equals(before.owner()) && now.index() > before.index()) {
                takeover = (System.nanoTime() - killedAt) / 1e9;
                Say.line("the relay was taken over by %s and published past index %d %.1f s after the kill", now.owner(),
                        before.index(), takeover);
                break;
            }
            Thread.sleep(200);
        }
        if (takeover == null) {
            broken.add("no incident-service instance took the relay over within " + TAKEOVER_PATIENCE.toSeconds() + " s of the kill");
        } else {
            notes.add(String.format("relay taken over in %.1f s", takeover));
            if (takeover > TAKEOVER_LIMIT.toSeconds()) {
                broken.add(String.format("the relay was taken over after %.1f s, later than %d s", takeover, TAKEOVER_LIMIT.toSeconds()));
            }
        }
        int port = holder.equals(INCIDENTS) ? port(INCIDENTS) : port(INCIDENTS) + instanceStep;
        context.stack().start(INCIDENTS, holder, Integer.toString(port));
    }

    /** The relay's claim, every half second: it may move once, at the takeover, and never back and forth. */
    private Thread sampleRelayOwners(FaultContext context) {
        sampling = true;
        Thread sampler = new Thread(() -> {
            while (sampling) {
                try {
                    String owner = RelayToken.read(context.databases()).owner();
                    if (owner != null && (relayOwners.isEmpty() || !relayOwners.get(relayOwners.size() - 1).equals(owner))) {
                        relayOwners.add(owner);
                    }
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the database is busy or away for a moment: the next sample tells
                }
            }
        }, "relay-owner-sampler");
        sampler.start();
        return sampler;
    }

    private void check(String what, List<String> findings) {
        findings.forEach(finding -> broken.add(what + ": " + finding));
        Say.line("%s: %s", what, findings.isEmpty() ? "as promised" : String.join("; ", findings));
    }

    @Override
    public Findings verify(FaultContext context) {
        List<String> all = new ArrayList<>(broken);
        notes.add("the relay's claim was held by, in turn: " + relayOwners);
        if (relayOwners.size() > 2) {
            all.add("the relay's claim moved more than once: " + relayOwners);
        }
        return new Findings(0, 0, List.copyOf(notes), all);
    }

    @Override
    public Instant sendsCutOffAt() {
        return notificationsKilledAt;
    }

    @Override
    public void cleanUp(FaultContext context) throws Exception {
        context.api().incidentService().remove(second(targets.incidentService()));
        for (String service : SERVICES) {
            context.stack().stop(name(service));
        }
    }

    private int port(String service) {
        Map<String, URI> first = Map.of(INCIDENTS, targets.incidentService(), TIMELINE, targets.timelineService(),
                NOTIFICATIONS, targets.notificationService());
        return first.get(service).getPort();
    }

    private URI second(URI first) {
        return URI.create(first.getScheme() + "://" + first.getHost() + ":" + (first.getPort() + instanceStep));
    }

    /** The second instance's name, as {@code ./stack up --instances 2} names it. */
    private static String name(String service) {
        return service + "-2";
    }
}
