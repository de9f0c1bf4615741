package io.incidents.incidentservice.importing;

import java.util.List;

/** What an import will send: per incident, the very commands live requests would have sent, with their actors. */
final class ImportPlan {

    private ImportPlan() {
    }

    /** @param step the step's index in the request, null for the declaration */
    record PlannedCommand(Integer step, String stepType, Object command, String actor) {
    }

    /** @param index the incident's index in the request */
    record PlannedIncident(int index, String externalId, String incidentId, List<PlannedCommand> commands) {

        PlannedIncident {
            commands = List.copyOf(commands);
        }

        ImportError error(PlannedCommand command, String message) {
            return new ImportError(index, externalId, command.step(), command.stepType(), message);
        }
    }
}
