package io.incidents.notificationservice.statuspage;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Instant;

/**
 * The status page's posts as an Atom 1.0 feed (RFC 4287). Written with StAX, which escapes text
 * and attributes; characters XML 1.0 cannot carry at all are dropped first, since no escaping
 * can make them legal and one would make the whole feed unreadable.
 */
final class AtomFeedRenderer {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    /** The feed's {@code <updated>} when it has no entries: fixed, so an empty feed never looks changed. */
    static final Instant EMPTY_FEED_UPDATED = Instant.EPOCH;
    private static final String FEED_ID = "urn:incident-status:feed";
    private static final String ENTRY_ID_PREFIX = "urn:incident-status:";

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    /**
     * @param baseUrl the service's absolute URL without a trailing slash, for the feed's links
     */
    String render(StatusFeed feed, String title, String baseUrl) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(ATOM);
            xml.writeStartElement(ATOM, "feed");
            xml.writeDefaultNamespace(ATOM);
            text(xml, "id", FEED_ID);
            text(xml, "title", title);
            text(xml, "updated", feed.entries().isEmpty()
                    ? EMPTY_FEED_UPDATED.toString()
                    : feed.entries().get(0).postedAt().toString());
            link(xml, "self", "application/atom+xml", baseUrl + "/status/feed.atom");
            link(xml, "alternate", "text/html", baseUrl + "/status");
            // Atom requires an author for a feed whose entries name none: the organisation, never a person.
            xml.writeStartElement(ATOM, "author");
            text(xml, "name", title);
            xml.writeEndElement();
            for (FeedEntry entry : feed.entries()) {
                xml.writeStartElement(ATOM, "entry");
                text(xml, "id", ENTRY_ID_PREFIX + entry.id());
                text(xml, "title", entry.phase().label() + ": " + entry.incidentTitle());
                text(xml, "updated", entry.postedAt().toString());
                link(xml, "alternate", "text/html", baseUrl + "/status");
                xml.writeStartElement(ATOM, "content");
                xml.writeAttribute("type", "text");
                xml.writeCharacters(xmlSafe(entry.message()));
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("status feed cannot be written", e);
        }
        return out.toString();
    }

    private static void text(XMLStreamWriter xml, String element, String value) throws XMLStreamException {
        xml.writeStartElement(ATOM, element);
        xml.writeCharacters(xmlSafe(value));
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeEmptyElement(ATOM, "link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", xmlSafe(href));
    }

    /** Drops what XML 1.0 forbids: control characters other than tab, CR, LF; lone surrogates; U+FFFE/U+FFFF. */
    static String xmlSafe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().filter(AtomFeedRenderer::allowedInXml).forEach(safe::appendCodePoint);
        return safe.toString();
    }

    private static boolean allowedInXml(int c) {
        return c == 0x9 || c == 0xA || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
