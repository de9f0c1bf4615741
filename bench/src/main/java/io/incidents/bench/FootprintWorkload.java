package io.incidents.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How much memory the whole stack holds after the other workloads (issue "Performance", workload
 * 9): the proportional set size (PSS, from Linux's {@code /proc/PID/smaps_rollup}) of the stack's
 * processes and all their children (PostgreSQL's server processes are children of the
 * infrastructure's JVM), in MB. PSS rather than resident size: memory several processes share (a
 * PostgreSQL buffer pool, one JDK's libraries) then counts once, not once per process. Run last.
 * There is no baseline. Goal: under 2,048 MB.
 */
final class FootprintWorkload implements Workload {

    private static final Path PROC = Path.of("/proc");

    private final List<Long> processes;

    FootprintWorkload(List<Long> processes) {
        this.processes = List.copyOf(processes);
    }

    @Override
    public String name() {
        return "footprint";
    }

    @Override
    public Goal goal() {
        return new Goal("< 2048 MB", result -> result.value() < 2048);
    }

    @Override
    public List<WorkloadResult> run(RunProfile profile) {
        if (!Files.isDirectory(PROC)) {
            throw new BenchFailure("footprint reads /proc, which this system does not have");
        }
        Set<Long> all = withDescendants(processes, parents());
        long kilobytes = 0;
        for (long pid : all) {
            kilobytes += pssKilobytes(pid);
        }
        Console.say("footprint: %d processes (the stack's %d and their children)", all.size(), processes.size());
        return List.of(WorkloadResult.single(name(), kilobytes / 1024.0, "MB"));
    }

    static Set<Long> withDescendants(List<Long> roots, Map<Long, Long> parentOf) {
        Set<Long> found = new HashSet<>(roots);
        List<Long> frontier = new ArrayList<>(roots);
        while (!frontier.isEmpty()) {
            long parent = frontier.remove(frontier.size() - 1);
            parentOf.forEach((child, itsParent) -> {
                if (itsParent == parent && found.add(child)) {
                    frontier.add(child);
                }
            });
        }
        return found;
    }

    /** Every process's parent, from {@code /proc/PID/stat} (the field after the command name in parentheses). */
    private static Map<Long, Long> parents() {
        Map<Long, Long> parentOf = new HashMap<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.filter(entry -> entry.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(entry -> {
                try {
                    String stat = Files.readString(entry.resolve("stat"));
                    String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    parentOf.put(Long.parseLong(entry.getFileName().toString()), Long.parseLong(afterName[1]));
                } catch (IOException | RuntimeException e) {
                    // the process ended while we looked: it holds nothing any more
                }
            });
        } catch (IOException e) {
            throw new BenchFailure("could not list /proc", e);
        }
        return parentOf;
    }

    private static long pssKilobytes(long pid) {
        try {
            for (String line : Files.readAllLines(PROC.resolve(pid + "/smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return 0;
        } catch (IOException e) {
            return 0; // ended meanwhile
        }
    }
}
