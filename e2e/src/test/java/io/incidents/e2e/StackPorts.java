package io.incidents.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ports of a stack of its own, so that it never meets a developer's stack (8081-8084, 5432,
 * 9092, ...) or another build's: a block of {@value #BLOCK} free ports picked at random below the
 * ephemeral range. In the block: base+0..5 PostgreSQL, Kafka, its controller, the demo sink, SMTP
 * and local-auth; base+11..13 the three services (their usual ports plus one offset); base+14 the
 * bench's baseline (never started here, but kept inside the block too).
 */
record StackPorts(int base) {

    private static final int FIRST = 20_000;
    private static final int LAST = 30_000;
    private static final int BLOCK = 16;

    int postgres() {
        return base;
    }

    int kafka() {
        return base + 1;
    }

    int auth() {
        return base + 5;
    }

    /** What ./stack adds to 8081, 8082 and 8083. */
    int offset() {
        return base + 11 - 8081;
    }

    int incidentService() {
        return 8081 + offset();
    }

    int timelineService() {
        return 8082 + offset();
    }

    int notificationService() {
        return 8083 + offset();
    }

    /** The environment ./stack reads its ports from. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STACK_PORT_OFFSET", String.valueOf(offset()));
        env.put("STACK_POSTGRES_PORT", String.valueOf(postgres()));
        env.put("STACK_KAFKA_PORT", String.valueOf(kafka()));
        env.put("STACK_KAFKA_CONTROLLER_PORT", String.valueOf(base + 2));
        env.put("STACK_SINK_PORT", String.valueOf(base + 3));
        env.put("STACK_SMTP_PORT", String.valueOf(base + 4));
        env.put("STACK_AUTH_PORT", String.valueOf(auth()));
        env.put("STACK_BENCH_BASELINE_PORT", String.valueOf(base + 14));
        return env;
    }

    static StackPorts pick() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = FIRST + BLOCK * ThreadLocalRandom.current().nextInt((LAST - FIRST) / BLOCK);
            if (allFree(base)) {
                return new StackPorts(base);
            }
        }
        throw new IllegalStateException("no block of " + BLOCK + " free ports between " + FIRST + " and " + LAST);
    }

    private static boolean allFree(int base) {
        for (int port = base; port < base + BLOCK; port++) {
            if (!free(port)) {
                return false;
            }
        }
        return true;
    }

    /** Free on every interface and on the loopback one (a server may bind either). */
    private static boolean free(int port) {
        for (InetSocketAddress address : new InetSocketAddress[]{
                new InetSocketAddress(port), new InetSocketAddress(InetAddress.getLoopbackAddress(), port)}) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(address);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
