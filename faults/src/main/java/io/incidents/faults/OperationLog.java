package io.incidents.faults;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Every operation of the run, in the order their answers came. */
final class OperationLog {

    private final ConcurrentLinkedQueue<Operation> operations = new ConcurrentLinkedQueue<>();

    void add(Operation operation) {
        operations.add(operation);
    }

    List<Operation> of(String scenario) {
        return operations.stream().filter(operation -> operation.scenario().equals(scenario)).toList();
    }

    List<Operation> all() {
        return List.copyOf(operations);
    }
}
