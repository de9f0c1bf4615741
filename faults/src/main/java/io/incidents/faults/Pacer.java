package io.incidents.faults;

/**
 * Spreads the workload's operations at a steady rate across its clients, as traffic arrives in
 * production: the load is the same whether a fault slows the system down or not, and the run's
 * length (and the backlog a fault leaves) is known in advance.
 */
final class Pacer {

    private final long intervalNanos;
    private long next = System.nanoTime();

    Pacer(int operationsPerSecond) {
        this.intervalNanos = 1_000_000_000L / operationsPerSecond;
    }

    /** Waits for the next operation's turn. */
    void await() throws InterruptedException {
        long turn;
        synchronized (this) {
            // A client that fell behind (a slow answer) does not make the others burst to catch up.
            next = Math.max(next + intervalNanos, System.nanoTime());
            turn = next;
        }
        long wait = turn - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
