package io.banditore.dispatch;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How deliveries are retried. */
@ConfigMapping(prefix = "banditore.dispatch")
public interface DispatchConfig {

    /**
     * Provider calls for one part before the delivery fails for good and goes to the dead-letter topic; with the
     * default backoff, 20 ride out about 15 minutes of a provider's 429s, 5xx, timeouts and resets.
     */
    @WithDefault("20")
    int maxAttempts();

    /** First pause before a retry; it doubles with each attempt (with jitter), unless the provider asks for longer. */
    @WithDefault("PT1S")
    Duration initialBackoff();

    /** The longest pause Banditore chooses between two attempts. */
    @WithDefault("PT60S")
    Duration maxBackoff();

    /**
     * Deliveries of one channel carried out at once, across towns; beyond that, the dispatcher reads no further
     * records until one settles.
     */
    @WithDefault("256")
    int maxInFlight();

    /**
     * How long a delivery's SENDING status by another dispatcher (the partition's owner before a rebalance) keeps a new
     * owner from calling the provider: at least the longest a provider call can take (the REST clients' read timeout).
     */
    @WithDefault("PT30S")
    Duration takeoverGrace();

    /**
     * How long an attempt by a dispatcher of a newer consumer-group generation keeps an older one off the delivery
     * (it waits, retries, then records again); beyond it the attempt is taken for abandoned.
     */
    @WithDefault("PT15M")
    Duration ownershipLease();

    /**
     * This process's name among the dispatchers, in every status it records: unique among the live processes and the
     * same across its restarts (the chart gives the pod's name). A delivery its previous run left SENDING is then
     * taken up at once after a crash, since no other process can be in its call; without a name each start picks a
     * random one, and such a delivery waits the takeover grace.
     */
    Optional<String> instance();

    /**
     * The share of each provider rate limit Banditore leaves unused (0.05: it paces a 30-per-second limit at 28.5 a
     * second, with a burst of 28), so that requests the network bunches up on their way still arrive within the
     * provider's limit; a limit of one per period is paced at one per period / (1 - headroom).
     */
    @WithDefault("0.05")
    double rateHeadroom();
}
