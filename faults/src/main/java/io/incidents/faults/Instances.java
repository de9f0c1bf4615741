package io.incidents.faults;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances of a service the workload sends to, in turn, as a load balancer would. A scenario
 * adds the instances it starts and removes them before it stops them; an instance that died
 * meanwhile is passed by on the retry, which asks for the next one.
 */
final class Instances {

    private final List<URI> running = new CopyOnWriteArrayList<>();
    private final AtomicInteger turn = new AtomicInteger();

    Instances(URI first) {
        running.add(first);
    }

    URI next() {
        List<URI> now = List.copyOf(running);
        return now.get(Math.floorMod(turn.getAndIncrement(), now.size()));
    }

    void add(URI instance) {
        running.add(instance);
    }

    void remove(URI instance) {
        if (running.size() > 1) {
            running.remove(instance);
        }
    }

    List<URI> all() {
        return List.copyOf(running);
    }
}
