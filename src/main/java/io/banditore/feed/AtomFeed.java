package io.banditore.feed;

import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.banditore.alert.CapXmlProvider;
import io.banditore.alert.Info;
import io.banditore.alert.MsgType;
import io.banditore.channel.AlertWording;

/**
 * Writes one page of an Atom 1.0 feed of CAP alerts (RFC 4287; OASIS "CAP feeds"): each entry links to its CAP
 * document, and a page stops short of the size bound with a {@code rel="next"} link to the rest.
 */
final class AtomFeed {

    static final String MEDIA_TYPE = "application/atom+xml";
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    /** Room kept for the next link and the closing tag, so that the page never passes the bound. */
    private static final int RESERVE = 1024;
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    /** What a page is made of: the feed, the language its words are in, the page's entries and where the links go. */
    record Request(FeedKind kind, String lang, String area, URI base, int maxBytes) {
    }

    private AtomFeed() {
    }

    /** The page of {@code items} (already after the cursor, newest first) that fits in the bound; at least one entry. */
    static byte[] page(Request req, List<FeedItem> items, Instant feedUpdated, String cursor) {
        List<String> entries = new ArrayList<>();
        boolean more = false;
        String head = header(req, feedUpdated, cursor, null);
        int size = head.getBytes(StandardCharsets.UTF_8).length + RESERVE;
        for (FeedItem item : items) {
            String entry = entry(req, item);
            int bytes = entry.getBytes(StandardCharsets.UTF_8).length;
            if (!entries.isEmpty() && size + bytes > req.maxBytes()) {
                more = true;
                break;
            }
            entries.add(entry);
            size += bytes;
        }
        String next = more ? FeedCursor.after(items.get(entries.size() - 1)) : null;
        StringBuilder out = new StringBuilder(header(req, feedUpdated, cursor, next));
        entries.forEach(out::append);
        out.append("</feed>\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The feed's URL with its query: the same language and area, and the page when there is one. */
    static URI feedUrl(Request req, String cursor) {
        StringBuilder query = new StringBuilder();
        if (req.lang() != null) {
            query.append("&lang=").append(req.lang());
        }
        if (req.area() != null) {
            query.append("&area=").append(req.area());
        }
        if (cursor != null) {
            query.append("&page=").append(cursor);
        }
        return URI.create(req.base() + "cap/" + req.kind().file() + (query.isEmpty() ? "" : "?" + query.substring(1)));
    }

    static URI documentUrl(URI base, String id) {
        return URI.create(base + "cap/alerts/" + id + ".xml");
    }

    private static String header(Request req, Instant updated, String cursor, String next) {
        return write(w -> {
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("feed");
            w.writeDefaultNamespace(ATOM);
            w.writeAttribute("xml", XMLConstants.XML_NS_URI, "lang", italian(req) ? "it" : "en");
            // The same feed (kind, language, area) keeps its id whichever host or page it is read from.
            leaf(w, "id", "urn:uuid:" + UUID.nameUUIDFromBytes(feedUrl(new Request(req.kind(), req.lang(), req.area(),
                    URI.create("/"), 0), null).toString().getBytes(StandardCharsets.UTF_8)));
            leaf(w, "title", req.kind().title(italian(req)));
            leaf(w, "updated", time(updated));
            w.writeStartElement("author");
            leaf(w, "name", "Banditore");
            w.writeEndElement();
            link(w, "self", MEDIA_TYPE, feedUrl(req, cursor));
            if (next != null) {
                link(w, "next", MEDIA_TYPE, feedUrl(req, next));
            }
            w.writeCharacters("\n");
        });
    }

    private static String entry(Request req, FeedItem item) {
        Info info = pick(item, req.lang());
        boolean italian = info != null ? AlertWording.italian(info) : italian(req);
        List<String> labels = new ArrayList<>();
        Optional.ofNullable(AlertWording.practiceLabel(item.alert().status(), italian)).ifPresent(labels::add);
        Optional.ofNullable(AlertWording.kindLabel(item.alert().msgType(), italian)).ifPresent(labels::add);
        String prefix = labels.isEmpty() ? "" : String.join(" – ", labels) + ": ";
        String headline = info == null ? item.alert().identifier()
                : Optional.ofNullable(info.headline()).or(() -> Optional.ofNullable(info.event())).orElse(item.alert().identifier());
        return write(w -> {
            w.writeStartElement("entry");
            if (info != null) {
                w.writeAttribute("xml", XMLConstants.XML_NS_URI, "lang", info.languageOrDefault());
            }
            leaf(w, "id", "urn:uuid:" + item.id());
            leaf(w, "title", prefix + headline);
            leaf(w, "updated", time(item.updated()));
            w.writeStartElement("author");
            leaf(w, "name", info != null && info.senderName() != null ? info.senderName() : item.alert().sender());
            w.writeEndElement();
            leaf(w, "summary", prefix + summary(item, info, italian));
            if (info != null) {
                for (String category : info.category()) {
                    w.writeEmptyElement("category");
                    w.writeAttribute("term", category);
                }
            }
            link(w, "alternate", CapXmlProvider.CAP_XML, documentUrl(req.base(), item.id()));
            w.writeEndElement();
            w.writeCharacters("\n");
        });
    }

    /** The block in the language asked for, or the alert's first: an alert is never left out for its language. */
    private static Info pick(FeedItem item, String lang) {
        if (item.infos().isEmpty()) {
            return null;
        }
        return item.infos().stream()
                .filter(i -> lang != null && i.languageOrDefault().toLowerCase(Locale.ROOT).startsWith(lang))
                .findFirst().orElse(item.infos().get(0));
    }

    private static String summary(FeedItem item, Info info, boolean italian) {
        if (item.alert().msgType() == MsgType.Cancel) {
            String withdrawn = italian ? "L'allerta è revocata." : "The alert is cancelled.";
            return item.alert().note() != null ? withdrawn + " " + item.alert().note() : withdrawn;
        }
        if (info == null) {
            return item.alert().identifier();
        }
        return Optional.ofNullable(info.description()).or(() -> Optional.ofNullable(info.instruction()))
                .or(() -> Optional.ofNullable(info.event())).orElse("");
    }

    private static boolean italian(Request req) {
        return !"en".equals(req.lang());
    }

    private static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    private static void leaf(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private static void link(XMLStreamWriter w, String rel, String type, URI href) throws XMLStreamException {
        w.writeEmptyElement("link");
        w.writeAttribute("rel", rel);
        w.writeAttribute("type", type);
        w.writeAttribute("href", href.toString());
    }

    private interface Writing {
        void to(XMLStreamWriter w) throws XMLStreamException;
    }

    /** Writes a piece of the feed; entries are written as fragments that the feed's default namespace then covers. */
    private static String write(Writing writing) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out);
            writing.to(w);
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the feed could not be written", e);
        }
        return out.toString();
    }
}
