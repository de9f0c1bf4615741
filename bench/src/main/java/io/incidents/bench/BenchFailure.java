package io.incidents.bench;

/**
 * The run cannot give a trustworthy figure (a wrong answer, a target not reachable): it stops
 * and says why, rather than counting errors as throughput.
 */
final class BenchFailure extends RuntimeException {

    BenchFailure(String message) {
        super(message);
    }

    BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
