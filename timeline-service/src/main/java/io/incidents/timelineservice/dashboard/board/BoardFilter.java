package io.incidents.timelineservice.dashboard.board;

import io.incidents.events.Severity;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The board's filters, all in the query string so a filtered board can be bookmarked and shared:
 * a severity, a service, "mine" (I acknowledged it or hold a role in it), and one of the count
 * cards.
 */
public record BoardFilter(Severity severity, String service, boolean mine, Show show) {

    public enum Show { UNACKNOWLEDGED, BREACHING, ROLLBACKS, ESCALATED }

    public boolean accepts(BoardRow row) {
        return (severity == null || row.severity() == severity)
                && (service == null || service.isBlank() || row.services().contains(service.trim()))
                && (!mine || row.mine())
                && (show == null || switch (show) {
                    case UNACKNOWLEDGED -> row.unacknowledged();
                    case BREACHING -> row.breaching();
                    case ROLLBACKS -> row.rollback() != null;
                    case ESCALATED -> row.escalationLevel() >= 2;
                });
    }

    /** The same filters with a different card, or none: the links of the count cards. */
    public String withShow(Show other) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/");
        if (severity != null) {
            uri.queryParam("severity", severity);
        }
        if (service != null && !service.isBlank()) {
            uri.queryParam("service", service.trim());
        }
        if (mine) {
            uri.queryParam("mine", true);
        }
        if (other != null && other != show) {
            uri.queryParam("show", other);
        }
        return uri.encode().build().toUriString();
    }
}
