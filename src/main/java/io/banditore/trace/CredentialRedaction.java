package io.banditore.trace;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Keeps credentials out of traces: a provider call's URL can carry one (Telegram's bot token is a path segment, an
 * upload URL may be signed in its query), so every span's URL is rewritten as it starts, before any exporter sees it.
 */
@ApplicationScoped
public class CredentialRedaction implements SpanProcessor {

    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
    private static final Pattern BOT_TOKEN = Pattern.compile("/bot[^/?#]+");
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@");

    /** The URL without user info, query or fragment, and with Telegram's bot token replaced by {token}. */
    static String redact(String url) {
        String plain = url;
        int cut = indexOfAny(plain, '?', '#');
        if (cut >= 0) {
            plain = plain.substring(0, cut);
        }
        plain = USER_INFO.matcher(plain).replaceFirst("$1");
        return BOT_TOKEN.matcher(plain).replaceAll("/bot{token}");
    }

    @Override
    public void onStart(Context parent, ReadWriteSpan span) {
        String url = span.getAttribute(URL_FULL);
        if (url != null) {
            span.setAttribute(URL_FULL, redact(url));
        }
        if (span.getAttribute(URL_QUERY) != null) {
            span.setAttribute(URL_QUERY, "");
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
