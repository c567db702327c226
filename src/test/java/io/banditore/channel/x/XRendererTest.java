package io.banditore.channel.x;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.twitter.twittertext.TwitterTextParser;

import io.banditore.alert.Alert;
import io.banditore.channel.Part;
import io.banditore.support.Samples;

class XRendererTest {

    private final XRenderer renderer = new XRenderer(Samples.wording());

    @Test
    void weightedLengthCountsAsXDoes() {
        assertThat(XRenderer.weightedLength("perché città")).isEqualTo(12);
        assertThat(XRenderer.weightedLength("豪雨警報")).isEqualTo(8);
        assertThat(XRenderer.weightedLength("🌊🌊")).isEqualTo(4);
        assertThat(XRenderer.weightedLength("https://www.prefettura.it/torino/una/pagina/molto/lunga/davvero")).isEqualTo(23);
    }

    @Test
    void aShortAlertIsOnePostWithTheTownsHashtag() {
        Alert alert = Samples.alert(a -> {
            Samples.info(a).put("instruction", "Evitate i sottopassi.");
            Samples.info(a).remove("description");
        });

        List<String> posts = texts(renderer.render(Samples.request(alert, Samples.chivasso())));

        assertThat(posts).singleElement().satisfies(p -> {
            assertThat(p).startsWith("🟠 Allerta arancione per piogge intense").endsWith("#Chivasso");
            assertThat(TwitterTextParser.parseTweet(p).isValid).isTrue();
        });
    }

    @Test
    void aLongAlertIsANumberedThreadOfValidPosts() {
        Alert alert = Samples.alert(a -> Samples.info(a).put("description",
                "Le piogge proseguiranno per tutta la notte. ".repeat(20).strip()));

        List<String> posts = texts(renderer.render(Samples.request(alert, Samples.chivasso())));

        assertThat(posts).hasSizeGreaterThan(2);
        for (int i = 0; i < posts.size(); i++) {
            String post = posts.get(i);
            assertThat(XRenderer.weightedLength(post)).isLessThanOrEqualTo(XRenderer.MAX_WEIGHTED_LENGTH);
            assertThat(TwitterTextParser.parseTweet(post).isValid).as(post).isTrue();
            assertThat(post).endsWith(" " + (i + 1) + "/" + posts.size());
        }
        assertThat(posts.get(0)).startsWith("🟠 Allerta arancione");
        assertThat(posts.get(posts.size() - 1)).contains("#Chivasso").contains("https://www.prefettura.it/torino");
    }

    @Test
    void cjkAndEmojiCountDoubleSoTheyMakeMorePosts() {
        String cjk = "請遠離河岸和地下通道。".repeat(20);
        Alert alert = Samples.alert(a -> {
            Samples.info(a).put("instruction", cjk);
            Samples.info(a).remove("description");
        });

        List<String> posts = texts(renderer.render(Samples.request(alert, Samples.chivasso())));

        // 220 CJK characters weigh 440: more than one post even though they are fewer than 280 characters.
        assertThat(cjk.length()).isLessThan(280);
        assertThat(posts).hasSizeGreaterThan(1)
                .allSatisfy(p -> assertThat(XRenderer.weightedLength(p)).isLessThanOrEqualTo(XRenderer.MAX_WEIGHTED_LENGTH));
        assertThat(String.join("", posts).chars().filter(c -> c == '請').count()).isEqualTo(20);
    }

    @Test
    void everyPostOfATestThreadSaysItIsATest() {
        Alert alert = Samples.alert(a -> {
            a.put("status", "Test");
            Samples.info(a).put("description", "Verifica del sistema di allarme pubblico. ".repeat(15).strip());
        });

        List<String> posts = texts(renderer.render(Samples.request(alert, Samples.chivasso())));

        assertThat(posts).hasSizeGreaterThan(1);
        assertThat(posts.get(0)).startsWith("⚠️ MESSAGGIO DI TEST");
        assertThat(posts.subList(1, posts.size())).allSatisfy(p -> assertThat(p).startsWith("[TEST] "));
    }

    private static List<String> texts(List<Part> parts) {
        return parts.stream().map(Part::text).toList();
    }
}
