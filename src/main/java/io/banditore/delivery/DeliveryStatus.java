package io.banditore.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A delivery status event, as carried by deliveries.v1: the whole state of one delivery after a transition.
 * {@code version} grows with every transition, so that a view applying events twice or late keeps the newest.
 * {@code attempts} counts every provider call of the delivery; {@code partAttempts} those of the part being sent,
 * which is what the retry limit applies to (a thread of ten posts is not ten failures). {@code note} is what the
 * provider said beyond its id when it accepted a part (e.g. a video post's final state), or null. {@code owner} and
 * {@code generation} name the dispatcher that made the latest attempt and its consumer group's generation: a
 * dispatcher that finds a newer generation's attempt leaves the delivery to it (no double post across a rebalance).
 * {@code traceId} is the OpenTelemetry trace of the work that made the transition, when tracing is on.
 * {@code pendingId} is the id a provider gave the part being sent when it took it without yet confirming the post
 * (TikTok's publish id while the video is processed): an attempt that finds it asks the provider about that post
 * instead of making a new one, so that a crash or a rebalance mid-processing never posts the video twice.
 * {@code pendingNonce} is the key of the attempt that got {@code pendingId}, recorded with it: the signed link that
 * attempt gave TikTok carries it, and the link serves the video only once this record is on deliveries.v1, so that a
 * publish id lost in a crash before its record never gets a video, and never becomes a post.
 */
// Read from Kafka: a field added by a newer version must not stop an older one.
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryStatus(
        String deliveryId,
        String alertId,
        String identifier,
        String channel,
        String target,
        DeliveryState status,
        int attempts,
        int partAttempts,
        int partsTotal,
        List<String> providerMessageIds,
        String providerUrl,
        String error,
        Instant updatedAt,
        long version,
        String note,
        String owner,
        Integer generation,
        String traceId,
        String pendingId,
        String pendingNonce) {

    public DeliveryStatus {
        providerMessageIds = providerMessageIds == null ? List.of() : List.copyOf(providerMessageIds);
    }

    public DeliveryStatus(String deliveryId, String alertId, String identifier, String channel, String target, DeliveryState status,
            int attempts, int partAttempts, int partsTotal, List<String> providerMessageIds, String providerUrl, String error,
            Instant updatedAt, long version, String note, String owner, Integer generation, String traceId, String pendingId) {
        this(deliveryId, alertId, identifier, channel, target, status, attempts, partAttempts, partsTotal, providerMessageIds,
                providerUrl, error, updatedAt, version, note, owner, generation, traceId, pendingId, null);
    }

    public DeliveryStatus(String deliveryId, String alertId, String identifier, String channel, String target, DeliveryState status,
            int attempts, int partAttempts, int partsTotal, List<String> providerMessageIds, String providerUrl, String error,
            Instant updatedAt, long version, String note) {
        this(deliveryId, alertId, identifier, channel, target, status, attempts, partAttempts, partsTotal, providerMessageIds,
                providerUrl, error, updatedAt, version, note, null, null, null, null, null);
    }

    public DeliveryStatus(String deliveryId, String alertId, String identifier, String channel, String target, DeliveryState status,
            int attempts, int partAttempts, int partsTotal, List<String> providerMessageIds, String providerUrl, String error,
            Instant updatedAt, long version) {
        this(deliveryId, alertId, identifier, channel, target, status, attempts, partAttempts, partsTotal, providerMessageIds,
                providerUrl, error, updatedAt, version, null);
    }

    /** The same status, in the trace of the work that made it (OpenTelemetry trace id, 32 hex digits). */
    public DeliveryStatus inTrace(String newTraceId) {
        return new DeliveryStatus(deliveryId, alertId, identifier, channel, target, status, attempts, partAttempts, partsTotal,
                providerMessageIds, providerUrl, error, updatedAt, version, note, owner, generation, newTraceId, pendingId, pendingNonce);
    }

    public static DeliveryStatus queued(String deliveryId, String alertId, String identifier, String channel, String target, Instant at) {
        return new DeliveryStatus(deliveryId, alertId, identifier, channel, target, DeliveryState.QUEUED, 0, 0, 0, List.of(), null, null, at, 1);
    }

    /**
     * The provider's id of the first part: the message or post that later parts and updates reply to. A part the
     * provider already had (X's duplicate content) has no id of its own (""); the first part with one stands in.
     */
    @JsonProperty("providerMessageId")
    public String providerMessageId() {
        return providerMessageIds.stream().filter(id -> !id.isBlank()).findFirst().orElse(null);
    }

    /** The id of the last part posted before part {@code index} (0-based) that has one, or null. */
    public String lastMessageIdBefore(int index) {
        for (int i = Math.min(index, providerMessageIds.size()) - 1; i >= 0; i--) {
            if (!providerMessageIds.get(i).isBlank()) {
                return providerMessageIds.get(i);
            }
        }
        return null;
    }

    /** The start of the reason a delivery is SKIPPED with when its alert was cancelled before it was posted. */
    public static final String CANCELLED_BY = "cancelled by ";
    /** ...and when its alert was superseded by an Update before it was posted. */
    public static final String SUPERSEDED_BY = "superseded by ";

    /** SKIPPED because its alert was cancelled or updated while the delivery was under way. */
    @JsonIgnore
    public boolean withdrawnWhileUnderWay() {
        return status == DeliveryState.SKIPPED && error != null && (error.startsWith(CANCELLED_BY) || error.startsWith(SUPERSEDED_BY));
    }

    /** How many parts the provider has accepted. */
    @JsonIgnore
    public int partsSent() {
        return providerMessageIds.size();
    }

    public DeliveryStatus next(DeliveryState newStatus, String newError, Instant at) {
        return new DeliveryStatus(deliveryId, alertId, identifier, channel, target, newStatus, attempts, partAttempts, partsTotal,
                providerMessageIds, providerUrl, newError, at, version + 1, note, owner, generation, traceId, pendingId, pendingNonce);
    }

    /**
     * Queued again after it failed, by someone's decision: a new round whose attempts start from zero. The parts the
     * provider already accepted stay accepted, so that a thread resumes where it stopped; no dispatcher owns it yet.
     */
    public DeliveryStatus requeued(Instant at) {
        return new DeliveryStatus(deliveryId, alertId, identifier, channel, target, DeliveryState.QUEUED, attempts, 0, partsTotal,
                providerMessageIds, providerUrl, null, at, version + 1, note, null, null, null, pendingId, pendingNonce);
    }

    public DeliveryStatus attempt(int parts, Instant at) {
        return attempt(parts, owner, generation, at);
    }

    /** A provider call about to be made by this dispatcher, of this consumer-group generation. */
    public DeliveryStatus attempt(int parts, String by, Integer ofGeneration, Instant at) {
        return new DeliveryStatus(deliveryId, alertId, identifier, channel, target, DeliveryState.SENDING, attempts + 1, partAttempts + 1, parts,
                providerMessageIds, providerUrl, null, at, version + 1, note, by, ofGeneration, traceId, pendingId, pendingNonce);
    }

    /** The same status with its free texts (error, note) passed through {@code clean}. */
    public DeliveryStatus withTexts(java.util.function.UnaryOperator<String> clean) {
        return new DeliveryStatus(deliveryId, alertId, identifier, channel, target, status, attempts, partAttempts, partsTotal,
                providerMessageIds, providerUrl, error == null ? null : clean.apply(error), updatedAt, version,
                note == null ? null : clean.apply(note), owner, generation, traceId, pendingId, pendingNonce);
    }

    public DeliveryStatus partSent(String messageId, String url, Instant at) {
        return partSent(messageId, url, null, at);
    }

    /** A part accepted; the provider's note, when it gives one, replaces an earlier part's. */
    public DeliveryStatus partSent(String messageId, String url, String providerNote, Instant at) {
        List<String> ids = new ArrayList<>(providerMessageIds);
        ids.add(messageId);
        DeliveryState state = ids.size() >= partsTotal ? DeliveryState.SENT : DeliveryState.SENDING;
        return new DeliveryStatus(deliveryId, alertId, identifier, channel, target, state, attempts, 0, partsTotal, ids,
                providerUrl == null ? url : providerUrl, null, at, version + 1, providerNote == null ? note : providerNote, owner, generation, traceId,
                null, null);
    }

    /**
     * The provider has taken the part being sent under {@code providerId} and not yet confirmed it posted: until the
     * part is recorded sent, every attempt asks about that post first.
     */
    public DeliveryStatus pending(String providerId, Instant at) {
        return pending(providerId, null, at);
    }

    /** ...taken by the attempt whose key is {@code nonce} (the one its signed video link carries). */
    public DeliveryStatus pending(String providerId, String nonce, Instant at) {
        return new DeliveryStatus(deliveryId, alertId, identifier, channel, target, status, attempts, partAttempts, partsTotal,
                providerMessageIds, providerUrl, error, at, version + 1, note, owner, generation, traceId, providerId, nonce);
    }

    /** Whether the post pending now is the one taken by the attempt whose key is {@code nonce}. */
    public boolean pendingFrom(String nonce) {
        return nonce != null && pendingId != null && nonce.equals(pendingNonce);
    }
}
