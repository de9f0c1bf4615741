package io.incidents.incidentservice.alerting;

import java.util.List;

/** An alert payload that cannot be taken as it is; {@code errors} say why, one line each. */
class AlertRejected extends RuntimeException {

    private final List<String> errors;

    AlertRejected(List<String> errors) {
        super(String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    List<String> errors() {
        return errors;
    }
}
