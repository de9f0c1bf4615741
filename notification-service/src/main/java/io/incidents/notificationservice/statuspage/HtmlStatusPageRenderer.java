package io.incidents.notificationservice.statuspage;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The status page as HTML. Every value goes through Mustache's {@code {{...}}}, which HTML-escapes
 * it; the template never uses the unescaped {@code {{{...}}}} form, so incident text cannot inject markup.
 */
final class HtmlStatusPageRenderer {

    private static final String TEMPLATE = "templates/statuspage/status.mustache";
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Template template;

    HtmlStatusPageRenderer() {
        // No defaultValue/nullValue: a misspelt key in the template fails the tests instead of printing nothing.
        this.template = Mustache.compiler().escapeHTML(true).compile(read(TEMPLATE));
    }

    String render(StatusPage page, String title, Instant now) {
        List<PhaseView> groups = Arrays.stream(Phase.values())
                .filter(phase -> phase != Phase.RESOLVED)
                .map(phase -> new PhaseView(phase.name().toLowerCase(Locale.ROOT), phase.label(),
                        page.currentIn(phase).stream().map(HtmlStatusPageRenderer::view).toList()))
                .filter(group -> !group.incidents().isEmpty())
                .toList();
        return template.execute(new PageView(title, page.operational(), groups,
                page.history().stream().map(HtmlStatusPageRenderer::view).toList(), time(now), now.toString()));
    }

    private static IncidentView view(PublicIncident incident) {
        return new IncidentView(incident.title(), incident.severity().name(), String.join(", ", incident.components()),
                !incident.components().isEmpty(), time(incident.declaredAt()), incident.declaredAt().toString(),
                incident.resolved() ? time(incident.resolvedAt()) : "",
                incident.resolved() ? incident.resolvedAt().toString() : "",
                incident.updates().stream().map(HtmlStatusPageRenderer::view).toList());
    }

    private static UpdateView view(PublicUpdate update) {
        return new UpdateView(update.phase().label(), update.message(), time(update.postedAt()),
                update.postedAt().toString());
    }

    private static String time(Instant instant) {
        return UTC_TIME.format(instant);
    }

    private static String read(String resource) {
        try (InputStream in = HtmlStatusPageRenderer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("status page template missing from the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // What the template reads: display-ready strings only, never null (Mustache would fail on a null).

    record PageView(String title, boolean operational, List<PhaseView> phases, List<IncidentView> history,
                    String generatedAt, String generatedAtIso) {
    }

    record PhaseView(String id, String label, List<IncidentView> incidents) {
    }

    record IncidentView(String title, String severity, String components, boolean hasComponents, String declaredAt,
                        String declaredAtIso, String resolvedAt, String resolvedAtIso, List<UpdateView> updates) {
    }

    record UpdateView(String phase, String message, String postedAt, String postedAtIso) {
    }
}
