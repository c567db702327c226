package io.banditore.kafka;

import java.util.List;

/**
 * Topics some part of the service needs besides {@link Topics#ALL}, such as the dispatch topic of a channel that only
 * its own package knows; {@link TopicProvisioner} creates them with the others.
 */
public interface TopicDemand {

    List<String> topics();
}
