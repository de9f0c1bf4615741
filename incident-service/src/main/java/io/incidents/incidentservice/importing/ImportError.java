package io.incidents.incidentservice.importing;

/**
 * Why a request's import was refused, located: the incident (its index in the request and its
 * external id) and the step (its index, null for the declaration itself, and its type).
 */
record ImportError(int incident, String externalId, Integer step, String stepType, String message) {

    /** Where it is, as a JSON path into the request, e.g. {@code incidents[3].steps[2] (SEVERITY)}. */
    String location() {
        String path = "incidents[" + incident + "]" + (externalId == null ? "" : " (externalId '" + externalId + "')");
        return step == null ? path : path + ", steps[" + step + "]" + (stepType == null ? "" : " (" + stepType + ")");
    }
}
