package io.incidents.bench;

import java.util.List;

/**
 * What {@code ./stack bench} tells the bench about the stack it runs against.
 *
 * @param startupSeconds from starting the stack to every part of it healthy; null when the bench
 *                       did not start it (a stack already running)
 * @param processes      the stack's own processes (infrastructure, identity provider, services; not
 *                       the bench's baseline instance); their children count too
 */
record StackFacts(Double startupSeconds, List<Long> processes) {

    static final StackFacts UNKNOWN = new StackFacts(null, List.of());
}
