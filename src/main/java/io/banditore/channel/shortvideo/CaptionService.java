package io.banditore.channel.shortvideo;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.banditore.alert.Alert;
import io.banditore.channel.RenderRequest;
import io.banditore.channel.shortvideo.caption.CaptionPackage;
import io.banditore.channel.shortvideo.caption.CaptionRenderer;
import io.banditore.directory.ChannelName;
import io.banditore.directory.Target;
import io.banditore.directory.TargetDirectory;
import io.banditore.intake.AlertEntry;
import io.banditore.intake.AlertRegistry;
import io.banditore.kafka.KafkaMessages;
import io.banditore.kafka.Topics;
import io.banditore.refusal.NotFound;
import io.banditore.routing.Fanout;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * The caption packages of alerts: made from the alert and the town's directory entry whenever asked (they are a
 * pure function of both), and published on captions.v1 (key alertId:target) when the short-video channel delivers,
 * once per package content in this process.
 */
@ApplicationScoped
public class CaptionService {

    private static final int REMEMBERED = 10_000;

    private final CaptionRenderer renderer;
    private final AlertRegistry alerts;
    private final TargetDirectory directory;
    private final Fanout fanout;
    private final MutinyEmitter<CaptionPackage> captions;
    private final Clock clock;
    /** Package contents this process has put on captions.v1, the most recent ones. */
    private final Map<String, Boolean> published = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    public CaptionService(CaptionRenderer renderer, AlertRegistry alerts, TargetDirectory directory, Fanout fanout,
            @Channel(Topics.Channels.CAPTIONS_OUT) MutinyEmitter<CaptionPackage> captions, Clock clock) {
        this.clock = clock;
        this.renderer = renderer;
        this.alerts = alerts;
        this.directory = directory;
        this.fanout = fanout;
        this.captions = captions;
    }

    /**
     * The packages of a rendering, each with its expiry (one per info block the town gets): what the short-video
     * channel posts.
     */
    public List<CaptionRenderer.Captioned> render(String alertId, RenderRequest request) {
        return renderer.render(alertId, request);
    }

    /** Every package of a published alert for a town, as it would be rendered now (with the alerts it refers to). */
    public List<CaptionPackage> packages(String alertId, Alert alert, Target target) {
        return renderer.packages(alertId, new RenderRequest(alert,
                alert.referencedAlerts().isEmpty() ? List.of() : alerts.referencedBy(alert), target, false, Instant.now(clock)));
    }

    /**
     * The package of a known alert for a town of its area with a short-video account, in the language asked for
     * (a language tag or its prefix: "it", "it-IT") or the town's first; 404 otherwise.
     */
    public CaptionPackage find(String alertId, String targetId, String language) {
        AlertEntry entry = alerts.find(alertId).orElseThrow(() -> NotFound.of("alert " + alertId));
        Target target = directory.find(targetId).filter(t -> t.channels().containsKey(ChannelName.SHORTVIDEO))
                .orElseThrow(() -> NotFound.of("short-video account of town " + targetId));
        if (!fanout.reaches(entry.alert(), target)) {
            throw new NotFound("town " + targetId + " is not in the area of alert " + alertId);
        }
        List<CaptionPackage> all = packages(alertId, entry.alert(), target);
        if (language == null || language.isBlank()) {
            return all.get(0);
        }
        String wanted = language.toLowerCase(Locale.ROOT);
        Optional<CaptionPackage> match = all.stream().filter(p -> p.language().toLowerCase(Locale.ROOT).equals(wanted)).findFirst()
                .or(() -> all.stream().filter(p -> primary(p.language()).equals(primary(wanted))).findFirst());
        return match.orElseThrow(() -> NotFound.of("a " + language + " caption of alert " + alertId + " for " + targetId
                + " (languages: " + all.stream().map(CaptionPackage::language).toList() + ")"));
    }

    /** Publishes the packages on captions.v1, each content once; completes when Kafka has them. */
    public Uni<Void> publish(List<CaptionPackage> packages) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (CaptionPackage pkg : packages) {
            String once = pkg.alertId() + ":" + pkg.target() + ":" + pkg.language() + ":" + pkg.contentHash();
            if (published.containsKey(once)) {
                continue;
            }
            chain = chain.chain(() -> captions.sendMessage(KafkaMessages.keyed(key(pkg.alertId(), pkg.target()), pkg))
                    .invoke(() -> published.put(once, Boolean.TRUE)));
        }
        return chain;
    }

    private static String primary(String language) {
        return language.toLowerCase(Locale.ROOT).split("[-_]")[0];
    }

    /** The record key on captions.v1. */
    public static String key(String alertId, String target) {
        return alertId + ":" + target;
    }
}
