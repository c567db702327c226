package io.banditore.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared CAP examples (src/test/resources/cap), with every time moved by the same amount so that the message
 * was sent a minute ago: validity periods keep their length, and what had expired years ago is current again.
 */
public final class CapExamples {

    /** The examples that are valid CAP and follow CAP's rules. */
    public static final List<String> VALID = List.of("Oasis_HomelandAlert.xml", "Oasis_ThunderstormWarning.xml",
            "Oasis_EarthquakeReport.xml", "Oasis_AmberAlert.xml", "PelmorexNAADS_WindWarning.xml", "australia.cap",
            "canada.cap", "wcatwc-warning.cap", "usgs-earthquake-report.cap");

    private static final Pattern CAP_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}");
    private static final Pattern SENT = Pattern.compile("<(?:cap:)?sent>\\s*([^<\\s]+)\\s*</(?:cap:)?sent>");

    public static String raw(String name) {
        try (InputStream in = CapExamples.class.getClassLoader().getResourceAsStream("cap/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no CAP example " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example with its times in the present. */
    public static String current(String name) {
        String xml = raw(name);
        Matcher sent = SENT.matcher(xml);
        if (!sent.find()) {
            return xml;
        }
        Duration shift = Duration.between(OffsetDateTime.parse(sent.group(1)), OffsetDateTime.now().minusMinutes(1))
                .truncatedTo(ChronoUnit.SECONDS);
        Matcher times = CAP_TIME.matcher(xml);
        StringBuilder out = new StringBuilder();
        while (times.find()) {
            OffsetDateTime moved = OffsetDateTime.parse(times.group()).plus(shift);
            String text = moved.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replace("Z", "-00:00");
            times.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        times.appendTail(out);
        return out.toString();
    }

    private CapExamples() {
    }
}
