package io.incidents.incidentservice.importing;

import io.incidents.incidentservice.importing.IncidentImporter.ImportOutcome;
import io.incidents.incidentservice.incident.CorrelationIds;
import io.incidents.support.audit.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.net.URI;

/**
 * The import of past incidents (ADMIN, the common rule for {@code /api/v1/admin/**}): history
 * from another tool, or a demo's, becomes the same events live commands would have made, with
 * their own moments and actors, so SLA reports and post-mortems cover it. Nobody is notified and
 * no timer is armed for it. The request is taken whole or refused whole.
 */
@RestController
@RequestMapping("/api/v1/admin/imports")
@SecurityRequirement(name = "basicAuth")
class ImportController {

    private final IncidentImporter importer;
    private final ImportProperties properties;
    private final AuditLog audit;

    ImportController(IncidentImporter importer, ImportProperties properties, AuditLog audit) {
        this.importer = importer;
        this.properties = properties;
        this.audit = audit;
    }

    @Operation(summary = "Import finished past incidents with their history; the same external ids again import nothing")
    @PostMapping
    ImportOutcome importIncidents(@RequestBody ImportRequest request) {
        if (request.incidents() == null || request.incidents().isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "incidents is required: a list of at least one past incident. Nothing was imported.");
        }
        if (request.incidents().size() > properties.maxIncidents()) {
            throw new TooManyIncidents(request.incidents().size(), properties.maxIncidents());
        }
        String correlationId = CorrelationIds.ofCurrentRequest();
        ImportOutcome outcome = importer.importAll(request.incidents(), correlationId);
        audit.recordRequest("INCIDENTS_IMPORTED", "import " + correlationId,
                outcome.imported() + " imported, " + outcome.alreadyPresent() + " already present");
        return outcome;
    }

    static final class TooManyIncidents extends RuntimeException {
        TooManyIncidents(int count, int cap) {
            super("The request holds " + count + " incidents; at most " + cap + " are imported per request, so none was."
                    + " Send them in parts: importing one part twice changes nothing.");
        }
    }

    @ExceptionHandler(TooManyIncidents.class)
    ResponseEntity<ProblemDetail> tooMany(TooManyIncidents e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
        problem.setType(URI.create("urn:incidents:problem:import-too-large"));
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
    }

    @ExceptionHandler(ImportRefusedException.class)
    ResponseEntity<ProblemDetail> refused(ImportRefusedException e) {
        ImportError first = e.errors().get(0);
        int more = e.errors().size() - 1;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Nothing was imported: "
                + first.location() + ": " + first.message() + (more > 0 ? " (and " + more + " more, see errors)." : "."));
        problem.setType(URI.create("urn:incidents:problem:import-refused"));
        problem.setProperty("errors", e.errors());
        return ResponseEntity.badRequest().body(problem);
    }
}
