package io.banditore.channel;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

/**
 * What to say when a provider call got no answer: the provider and the kind of fault, never the exception's own
 * text, which carries the URL called (a Telegram bot token is part of the path, a TikTok upload link holds a token).
 */
public final class TransportFault {

    private TransportFault() {
    }

    public static String describe(String provider, Throwable failure) {
        return "no answer from " + provider + " (" + kind(failure) + ")";
    }

    /** The kind of fault, from the exception types along the cause chain. */
    public static String kind(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            String name = e.getClass().getName();
            if (e instanceof SocketTimeoutException || e instanceof TimeoutException || name.endsWith("TimeoutException")) {
                return "timed out";
            }
            if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
                return "connection refused";
            }
            if (e instanceof UnknownHostException) {
                return "unknown host";
            }
            if (e instanceof SSLException) {
                return "TLS failure";
            }
            if (name.endsWith("HttpClosedException") || name.endsWith("ClosedChannelException")
                    || (e instanceof java.io.IOException && String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("reset"))) {
                return "connection closed";
            }
        }
        return "transport error " + failure.getClass().getSimpleName();
    }
}
