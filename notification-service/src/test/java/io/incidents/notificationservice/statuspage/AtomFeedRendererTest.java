package io.incidents.notificationservice.statuspage;

import io.incidents.events.Severity;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.incidents.notificationservice.statuspage.AtomFeedRenderer.ATOM;
import static io.incidents.notificationservice.statuspage.Fixtures.NOW;
import static io.incidents.notificationservice.statuspage.Fixtures.daysAgo;
import static io.incidents.notificationservice.statuspage.Fixtures.entry;
import static io.incidents.notificationservice.statuspage.Fixtures.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;

class AtomFeedRendererTest {

    private static final String BASE = "https://status.example.com";
    private final AtomFeedRenderer renderer = new AtomFeedRenderer();

    @Test
    void is_an_atom_feed_with_one_entry_per_post_newest_first() throws Exception {
        StatusFeed feed = select(List.of(
                entry(10, "a", Severity.SEV2, "Chat down", Phase.INVESTIGATING, "Looking into it.",
                        Instant.parse("2025-06-30T09:10:00Z")),
                entry(11, "a", Severity.SEV2, "Chat down", Phase.IDENTIFIED, "Bad deploy found.",
                        Instant.parse("2025-06-30T09:40:00Z"))));

        Document xml = parse(renderer.render(feed, "Service status", BASE));

        Element root = xml.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(root.getLocalName()).isEqualTo("feed");
        assertThat(child(root, "title")).isEqualTo("Service status");
        assertThat(child(root, "updated")).isEqualTo("2025-06-30T09:40:00Z");
        assertThat(child(root, "id")).isNotBlank();
        List<Element> entries = elements(root.getElementsByTagNameNS(ATOM, "entry"));
        assertThat(entries).hasSize(2);
        Element newest = entries.get(0);
        assertThat(child(newest, "id")).isEqualTo("urn:incident-status:11");
        assertThat(child(newest, "title")).isEqualTo("Identified: Chat down");
        assertThat(child(newest, "updated")).isEqualTo("2025-06-30T09:40:00Z");
        assertThat(child(newest, "content")).isEqualTo("Bad deploy found.");
        assertThat(child(entries.get(1), "id")).isEqualTo("urn:incident-status:10");
        assertThat(child(entries.get(1), "title")).isEqualTo("Investigating: Chat down");
    }

    @Test
    void links_to_itself_and_to_the_status_page() throws Exception {
        Document xml = parse(renderer.render(select(List.of()), "Service status", BASE));

        List<String> links = new ArrayList<>();
        for (Element link : elements(xml.getDocumentElement().getElementsByTagNameNS(ATOM, "link"))) {
            links.add(link.getAttribute("rel") + " " + link.getAttribute("href"));
        }
        assertThat(links).contains("self " + BASE + "/status/feed.atom", "alternate " + BASE + "/status");
    }

    @Test
    void an_empty_feed_is_still_valid_and_dated_at_a_fixed_time() throws Exception {
        Document xml = parse(renderer.render(select(List.of()), "Service status", BASE));

        assertThat(child(xml.getDocumentElement(), "updated")).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(xml.getElementsByTagNameNS(ATOM, "entry").getLength()).isZero();
    }

    @Test
    void escapes_markup_so_titles_and_messages_read_back_exactly() throws Exception {
        String title = "<script>alert('x')</script> & \"more\"";
        String message = "Errors > 10% & rising <b>fast</b>";
        StatusFeed feed = select(List.of(entry(1, "a", Severity.SEV1, title, Phase.INVESTIGATING, message, minutesAgo(5))));

        String raw = renderer.render(feed, "Acme <status>", BASE);
        Document xml = parse(raw);

        assertThat(raw).doesNotContain("<script>").doesNotContain("<b>").doesNotContain("<status>");
        Element entry = elements(xml.getElementsByTagNameNS(ATOM, "entry")).get(0);
        assertThat(child(entry, "title")).isEqualTo("Investigating: " + title);
        assertThat(child(entry, "content")).isEqualTo(message);
        assertThat(child(xml.getDocumentElement(), "title")).isEqualTo("Acme <status>");
    }

    @Test
    void a_control_character_in_a_message_does_not_break_the_feed() throws Exception {
        StatusFeed feed = select(List.of(entry(1, "a", Severity.SEV1, "Bell\u0007", Phase.MONITORING,
                "pasted from a terminal\u001b[0m\u0000 done", minutesAgo(5))));

        Document xml = parse(renderer.render(feed, "Service status", BASE));

        Element entry = elements(xml.getElementsByTagNameNS(ATOM, "entry")).get(0);
        assertThat(child(entry, "content")).isEqualTo("pasted from a terminal[0m done");
        assertThat(child(entry, "title")).isEqualTo("Monitoring: Bell");
    }

    @Test
    void carries_every_post_of_the_last_90_days_whatever_the_severity() {
        // Posts exist only for what a responder published (SPEC 6): severity does not filter them,
        // so a SEV4 published and one lowered to SEV4 after publishing both stay in the feed.
        StatusFeed feed = select(List.of(
                entry(1, "minor", Severity.SEV4, "Typo", Phase.INVESTIGATING, "cosmetic", minutesAgo(1)),
                entry(2, "old", Severity.SEV1, "Old outage", Phase.RESOLVED, "fixed", daysAgo(91)),
                entry(3, "edge", Severity.SEV3, "Email delayed", Phase.RESOLVED, "fixed", daysAgo(90)),
                entry(4, "new", Severity.SEV2, "Chat down", Phase.INVESTIGATING, "looking", minutesAgo(2)),
                entry(5, "lowered", Severity.SEV4, "Payments delayed", Phase.RESOLVED, "fixed", minutesAgo(3))));

        assertThat(feed.entries()).extracting(FeedEntry::id).containsExactly(1L, 4L, 5L, 3L);
    }

    @Test
    void names_neither_the_incident_id_nor_anything_but_the_title_and_message_given() throws Exception {
        String raw = renderer.render(select(List.of(entry(42, "inc-7f3a9c", Severity.SEV1, "Sign-in problems",
                Phase.IDENTIFIED, "We found the cause.", minutesAgo(5)))), "Service status", BASE);

        assertThat(raw).doesNotContain("inc-7f3a9c");
        Element entry = elements(parse(raw).getElementsByTagNameNS(ATOM, "entry")).get(0);
        assertThat(child(entry, "id")).isEqualTo("urn:incident-status:42");
        assertThat(child(entry, "title")).isEqualTo("Identified: Sign-in problems");
    }

    private static StatusFeed select(List<FeedEntry> entries) {
        return StatusFeed.select(entries, NOW);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    /** Text of the first direct child element with that Atom name. */
    private static String child(Element parent, String name) {
        for (Element e : elements(parent.getChildNodes())) {
            if (ATOM.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e.getTextContent();
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getLocalName() + ">");
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }
}
