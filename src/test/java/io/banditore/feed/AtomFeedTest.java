package io.banditore.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

import io.banditore.alert.Alert;
import io.banditore.alert.Area;
import io.banditore.alert.CapStatus;
import io.banditore.alert.Certainty;
import io.banditore.alert.Info;
import io.banditore.alert.MsgType;
import io.banditore.alert.NamedValue;
import io.banditore.alert.Scope;
import io.banditore.alert.Severity;
import io.banditore.alert.Urgency;

/** Pages of the feed stay under the size bound, and following rel="next" reads every entry once, in order. */
class AtomFeedTest {

    private static final URI BASE = URI.create("https://banditore.example/");
    private static final int BOUND = 900_000;

    @Test
    void aLargeFeedIsPagedUnderTheBoundAndTheNextLinksReadEveryEntryOnceInOrder() throws Exception {
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        // 3,000 alerts of about 1 KB each, some sent in the same second, so that the id must order them.
        List<FeedItem> all = IntStream.range(0, 3000).mapToObj(n -> item(start.plusSeconds(n / 3), "x".repeat(600) + " <&> " + n))
                .sorted(FeedItem.NEWEST_FIRST).toList();
        AtomFeed.Request request = new AtomFeed.Request(FeedKind.ACTUAL, "it", null, BASE, BOUND);

        List<String> read = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            List<FeedItem> rest = cursor == null ? all : FeedCursor.rest(all, cursor).orElseThrow();
            byte[] page = AtomFeed.page(request, rest, all.get(0).updated(), cursor);
            assertThat(page.length).as("page %d", pages).isLessThanOrEqualTo(BOUND);
            SyndFeed feed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(page)));
            feed.getEntries().stream().map(SyndEntry::getUri).forEach(read::add);
            cursor = feed.getLinks().stream().filter(l -> "next".equals(l.getRel())).map(SyndLink::getHref).findFirst()
                    .map(href -> href.substring(href.indexOf("page=") + 5)).orElse(null);
            if (cursor != null) {
                assertThat(feed.getLinks()).anySatisfy(l -> assertThat(l.getHref()).startsWith("https://banditore.example/cap/feed.atom?lang=it&page="));
                assertThat(page.length).as("a page that is not the last is nearly full").isGreaterThan(BOUND - 5_000);
            }
            pages++;
        } while (cursor != null && pages < 100);

        assertThat(pages).isGreaterThan(2);
        assertThat(read).containsExactlyElementsOf(all.stream().map(i -> "urn:uuid:" + i.id()).toList());
    }

    @Test
    void anAlertPublishedWhileAReaderPagesNeverPushesAnEntryOntoAPageAlreadyRead() {
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        List<FeedItem> before = IntStream.range(0, 10).mapToObj(n -> item(start.plusSeconds(n), "alert " + n))
                .sorted(FeedItem.NEWEST_FIRST).toList();
        String cursor = FeedCursor.after(before.get(4));
        List<FeedItem> after = new ArrayList<>(before);
        after.add(item(start.plusSeconds(60), "a newer alert"));
        after.sort(FeedItem.NEWEST_FIRST);
        assertThat(FeedCursor.rest(after, cursor).orElseThrow()).containsExactlyElementsOf(before.subList(5, 10));
    }

    private static FeedItem item(Instant sent, String description) {
        OffsetDateTime at = sent.atOffset(ZoneOffset.ofHours(1));
        Info info = new Info("it-IT", List.of("Met"), "Piogge intense", List.of(), Urgency.Expected, Severity.Severe, Certainty.Likely,
                null, List.of(), at, null, at.plusHours(6), "Prefettura di Torino", "Allerta arancione", description, null, null, null,
                List.of(), List.of(), List.of(new Area("Chivasso", List.of(), List.of(), List.of(new NamedValue("ISTAT", "001082")), null, null)));
        String identifier = "TO-" + UUID.randomUUID();
        Alert alert = new Alert(identifier, "protezionecivile@prefettura.torino.it", at, CapStatus.Actual, MsgType.Alert, null,
                Scope.Public, null, null, List.of(), null, null, null, List.of(info));
        return new FeedItem(UUID.randomUUID().toString(), alert, alert.info(), sent);
    }
}
