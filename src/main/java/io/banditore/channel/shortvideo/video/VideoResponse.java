package io.banditore.channel.shortvideo.video;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.PathPart;

/**
 * A rendered video served over HTTP: the whole file, or the one byte range a Range header asks for (RFC 9110: 206
 * with its Content-Range; 416 when it starts past the end). A header this does not understand (several ranges, other
 * units) gets the whole file, as the RFC allows.
 */
public final class VideoResponse {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** One byte range of a file, both ends included. */
    record ByteRange(long first, long last) {

        long length() {
            return last - first + 1;
        }
    }

    private VideoResponse() {
    }

    /** The response for {@code video}, downloaded under {@code filename}. */
    public static Response of(VideoResult.Rendered video, String rangeHeader, String filename) {
        long size = video.bytes();
        Response.ResponseBuilder builder;
        ByteRange range = range(rangeHeader, size);
        if (range == null) {
            builder = Response.ok(video.file());
        } else if (range.first() >= size || range.first() > range.last()) {
            return Response.status(416).header("Content-Range", "bytes */" + size).build();
        } else {
            builder = Response.status(206).entity(new PathPart(video.file(), range.first(), range.length()))
                    .header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
        }
        return builder.type("video/mp4").header("Accept-Ranges", "bytes")
                .header("Cache-Control", "private, max-age=300")
                .header("Content-Disposition", "inline; filename=\"" + filename + "\"")
                .build();
    }

    /** The range a header asks of a file of {@code size} bytes, or null for the whole file. */
    static ByteRange range(String header, long size) {
        Matcher m = header == null ? null : RANGE.matcher(header.strip());
        if (m == null || !m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return null;
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            return new ByteRange(Math.max(0, size - suffix), size - 1);
        }
        long first = Long.parseLong(m.group(1));
        return new ByteRange(first, m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1));
    }
}
