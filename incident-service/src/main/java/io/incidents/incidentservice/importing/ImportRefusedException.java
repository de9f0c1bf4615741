package io.incidents.incidentservice.importing;

import java.util.List;

/** The request cannot be imported as a whole; nothing of it was written. */
class ImportRefusedException extends RuntimeException {

    private final transient List<ImportError> errors;

    ImportRefusedException(List<ImportError> errors) {
        super(errors.isEmpty() ? "the import was refused" : errors.get(0).location() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    List<ImportError> errors() {
        return errors;
    }
}
