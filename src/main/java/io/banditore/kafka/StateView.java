package io.banditore.kafka;

/**
 * A state view that a topic's records build (usually through a {@link KeyedTopicReader}): the service is not ready
 * until every such view has read its topic up to where it stood at start ({@link ViewsReadiness}).
 */
public interface StateView {

    /** The topic the view reads. */
    String topic();

    /** True while the view holds every record up to the end its topic had when the view (re)started. */
    boolean caughtUp();
}
