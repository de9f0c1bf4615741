package io.incidents.incidentservice.relay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits until the broker has confirmed every send, or says which failed. */
final class BrokerAcknowledgements {

    private BrokerAcknowledgements() {
    }

    /**
     * Returns once every send is confirmed; throws {@link RelayFailedException} for the first one
     * refused or not confirmed within {@code timeout} (for all of them together).
     */
    static void await(List<? extends CompletableFuture<?>> sends, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (CompletableFuture<?> send : sends) {
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RelayFailedException("interrupted while waiting for the broker", e);
            } catch (ExecutionException e) {
                throw new RelayFailedException("the broker refused an event: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new RelayFailedException("the broker did not confirm an event within " + timeout, e);
            }
        }
    }

    /** Sends not confirmed by the broker: the relay retries its batch, the reconciler its next run. */
    static final class RelayFailedException extends RuntimeException {
        RelayFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
