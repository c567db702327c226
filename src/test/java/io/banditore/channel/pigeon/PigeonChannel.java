package io.banditore.channel.pigeon;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.channel.AlertWording;
import io.banditore.channel.ChannelPublisher;
import io.banditore.channel.Part;
import io.banditore.channel.RateLimit;
import io.banditore.channel.RenderRequest;
import io.banditore.channel.SendOutcome;
import io.banditore.channel.SendRequest;
import io.banditore.channel.Wording;
import io.smallrye.mutiny.Uni;

/** Renders an alert as one short note per info block, and hands it to the town's loft. */
@ApplicationScoped
public class PigeonChannel implements ChannelPublisher {

    private final AlertWording wording;

    public PigeonChannel(AlertWording wording) {
        this.wording = wording;
    }

    @Override
    public String name() {
        return PigeonDeclaration.NAME;
    }

    @Override
    public List<Part> render(RenderRequest request) {
        return wording.wordings(request).stream().map(w -> new Part(note(w), w.expires())).toList();
    }

    private static String note(Wording w) {
        return (w.practiceLabel() == null ? "" : "[" + w.practiceLabel() + "] ") + (w.kindLabel() == null ? "" : "[" + w.kindLabel() + "] ")
                + w.headline() + " (" + w.area() + ")";
    }

    @Override
    public List<RateLimit> limits(SendRequest request) {
        return List.of(new RateLimit("pigeon/" + request.account().account(), 10, Duration.ofSeconds(1)));
    }

    @Override
    public Uni<SendOutcome> send(SendRequest request) {
        if (Loft.refuses()) {
            return Uni.createFrom().item(new SendOutcome.Failed("the loft turned the pigeon away"));
        }
        return Uni.createFrom().item(new SendOutcome.Sent(Loft.take(request.account().account(), request.text()), null));
    }
}
