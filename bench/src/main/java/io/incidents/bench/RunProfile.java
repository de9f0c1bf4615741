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

    /**
     * A check that everything works and a rough figure: under a minute and a half per workload, so
     * that the whole quick run (three workloads, the bench's own stack started and seeded, a board
     * that takes seconds to draw) stays under five minutes.
     */
    static RunProfile quick() {
        return new RunProfile("quick", Duration.ofSeconds(4), 3, Duration.ofSeconds(4));
    }

    /**
     * Figures worth publishing: under 4 minutes per alternating workload, so that the whole run
     * (eight workloads, its own stack started) stays under the 30 minutes issue 11 allows. Many
     * short rounds rather than a few long ones: on a shared machine the load of others comes and
     * goes within a minute. A minute of warm-up does not finish the services' JIT compilation on 2
     * busy cores (that takes minutes there, see docs/performance.md); the rounds alternate, so what
     * it still changes hits both sides.
     */
    static RunProfile full() {
        return new RunProfile("full", Duration.ofSeconds(60), 10, Duration.ofSeconds(8));
    }
}
