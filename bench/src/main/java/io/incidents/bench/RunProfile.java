package io.incidents.bench;

import java.time.Duration;

/**
 * How long a workload measures. Measurement is split into rounds that alternate between the
 * baseline and the measured side, so slow drift (another build on the machine, a JIT finishing,
 * a garbage collector growing its heap) hits both sides alike.
 *
 * @param warmUp how long each side is driven, unmeasured, before the first round
 * @param rounds how many rounds each side gets
 * @param round  how long one round of one side lasts
 */
record RunProfile(String name, Duration warmUp, int rounds, Duration round) {

    /** Whether this is the quick run, for workloads whose sizes (seeds, storms) differ with it. */
    boolean isQuick() {
        return name.equals(quick().name());
    }

    /**
     * A check that everything works and a rough figure: 14 seconds per alternating workload, so
     * that the whole quick run (eleven workloads, the bench's own stack started and stopped, a
     * thousand incidents declared for the board, 300,000 events written for store-growth) stays
     * under the five minutes issue 11 allows.
     */
    static RunProfile quick() {
        return new RunProfile("quick", Duration.ofSeconds(1), 2, Duration.ofSeconds(3));
    }

    /**
     * Figures worth publishing: under 2 minutes per alternating workload, so that the whole run
     * (eleven workloads, its own stack started, ten million events written and removed for
     * store-growth) stays under the 30 minutes issue 11 allows. Many short rounds rather than a few
     * long ones: on a shared machine the load of others comes and goes within a minute. No warm-up
     * this short finishes the services' JIT compilation on 2 busy cores (that takes minutes there,
     * see docs/performance.md); the rounds alternate, so what it still changes hits both sides.
     */
    static RunProfile full() {
        return new RunProfile("full", Duration.ofSeconds(20), 6, Duration.ofSeconds(6));
    }
}
