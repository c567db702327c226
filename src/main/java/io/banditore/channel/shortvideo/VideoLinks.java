package io.banditore.channel.shortvideo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * Links to a video that work without a token, for TikTok's PULL_FROM_URL (TikTok's servers cannot carry our bearer
 * tokens). A link names one alert, town and language and an expiry time, signed with HMAC-SHA256 under a secret key:
 * it cannot be guessed nor turned into a link to anything else, and it stops working when it expires. Only the
 * video is served this way, and only videos of deliveries the dispatcher made; every other endpoint keeps its roles.
 * A link given to TikTok also names the attempt it was made for (its nonce, signed with the rest): the video is served
 * on it only once that attempt's publish id is on record (CaptionResource), so that a post whose id a crash lost
 * never gets its video.
 */
@ApplicationScoped
public class VideoLinks {

    private static final Logger LOG = Logger.getLogger(VideoLinks.class);
    private static final String HMAC = "HmacSHA256";

    private final ShortVideoConfig config;
    private final SecretKeySpec key;
    private final Clock clock;

    public VideoLinks(ShortVideoConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        byte[] secret;
        if (config.links().signingKey().isPresent()) {
            secret = config.links().signingKey().get().getBytes(StandardCharsets.UTF_8);
        } else {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            LOG.info("No banditore.shortvideo.links.signing-key: video links are signed with a key of this process only");
        }
        this.key = new SecretKeySpec(secret, HMAC);
    }

    /** The public link to this video, valid for the configured time. */
    public String link(String alertId, String target, String language) {
        return link(alertId, target, language, null);
    }

    /**
     * The public link to this video for the delivery attempt whose key is {@code nonce} (none when null): served only
     * once that attempt's post is on record.
     */
    public String link(String alertId, String target, String language, String nonce) {
        long expires = Instant.now(clock).plus(config.links().ttl()).getEpochSecond();
        return config.publicUrl().replaceAll("/+$", "") + "/api/v1/alerts/" + alertId + "/captions/" + target + ".mp4"
                + "?lang=" + URLEncoder.encode(language, StandardCharsets.UTF_8) + "&expires=" + expires
                + (nonce == null ? "" : "&nonce=" + URLEncoder.encode(nonce, StandardCharsets.UTF_8))
                + "&signature=" + signature(alertId, target, language, expires, nonce);
    }

    /** True when the signature is ours for exactly these values and the link has not expired. */
    public boolean valid(String alertId, String target, String language, long expires, String signature) {
        return valid(alertId, target, language, expires, null, signature);
    }

    /** ...with the attempt's nonce (null for a link that names none): a link cannot gain, lose or change it. */
    public boolean valid(String alertId, String target, String language, long expires, String nonce, String signature) {
        if (signature == null || language == null || expires < Instant.now(clock).getEpochSecond()) {
            return false;
        }
        byte[] expected = signature(alertId, target, language, expires, nonce).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(String alertId, String target, String language, long expires, String nonce) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            String message = alertId + "\n" + target + "\n" + language + "\n" + expires + (nonce == null ? "" : "\n" + nonce);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
