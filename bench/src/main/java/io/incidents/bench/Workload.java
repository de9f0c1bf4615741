package io.incidents.bench;

import java.util.List;

/**
 * One thing the benchmark measures. Each workload measures its own baseline in the same run
 * (never against a number from another day or machine), so its ratio means something on a
 * laptop shared with a compiler as well as on a quiet server.
 */
interface Workload {

    String name();

    /** What its issue asks of the figure; reported beside it, never a reason to fail the run. */
    Goal goal();

    /** Usually one figure; a workload that times several paths of one run (end-to-end-latency) gives one each. */
    List<WorkloadResult> run(RunProfile profile) throws InterruptedException;
}
