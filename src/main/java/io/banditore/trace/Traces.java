package io.banditore.trace;

import java.util.Optional;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** The trace the current work belongs to, for the records that should name it (a delivery's status). */
public final class Traces {

    private Traces() {
    }

    /** The current trace id (32 hex digits), or empty when tracing is off or nothing is being traced. */
    public static Optional<String> current() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? Optional.of(context.getTraceId()) : Optional.empty();
    }
}
