package io.banditore.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.banditore.alert.Alert;
import io.banditore.alert.AlertValidator;
import io.banditore.directory.Target;
import io.banditore.intake.AlertRegistry;
import io.banditore.intake.ApprovalPolicy;
import io.banditore.routing.Fanout;

/** What every channel would publish for every town of an alert's area, without publishing anything. */
@ApplicationScoped
public class PreviewService {

    /** One channel of one town: whether it would publish, why (not), and the exact texts in order. */
    public record ChannelPreview(String channel, String target, boolean wouldPublish, String reason, List<String> parts) {
    }

    private final AlertValidator validator;
    private final Fanout fanout;
    private final ChannelRegistry channels;
    private final ApprovalPolicy approval;
    private final Clock clock;
    private final AlertRegistry alerts;

    public PreviewService(AlertValidator validator, Fanout fanout, ChannelRegistry channels, ApprovalPolicy approval, Clock clock,
            AlertRegistry alerts) {
        this.alerts = alerts;
        this.validator = validator;
        this.fanout = fanout;
        this.channels = channels;
        this.approval = approval;
        this.clock = clock;
    }

    public List<ChannelPreview> preview(Alert alert) {
        validator.validate(alert);
        Instant now = Instant.now(clock);
        String when = approval.requiresApproval(alert) ? "after approval by a second person" : "at once";
        // An Update or Cancel is written as it will be sent: a Cancel without info from the alerts it withdraws.
        List<Alert> referenced = alerts.referencedBy(alert);
        List<ChannelPreview> previews = new ArrayList<>();
        for (Target target : fanout.targets(alert)) {
            Optional<String> whyNot = fanout.whyNot(alert, target, now);
            for (ChannelPublisher channel : channels.all()) {
                if (target.account(channel.name()).isEmpty()) {
                    continue;
                }
                previews.add(whyNot.isPresent()
                        ? new ChannelPreview(channel.name(), target.id(), false, whyNot.get(), List.of())
                        : new ChannelPreview(channel.name(), target.id(), true, when, channel.render(new RenderRequest(alert, referenced, target, false, now)).stream().map(Part::text).toList()));
            }
        }
        return previews;
    }
}
