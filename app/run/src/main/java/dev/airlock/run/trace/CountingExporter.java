package dev.airlock.run.trace;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts the spans an exporter did not get through, so a receiver that is down becomes one line at the end of the run
 * instead of the SDK's logged stack traces, which it silences (held here: a logger nobody references may be
 * collected, and its level with it).
 */
final class CountingExporter implements SpanExporter {

    private static final Logger SDK_LOG = Logger.getLogger("io.opentelemetry");

    private final SpanExporter delegate;
    private final AtomicLong handed = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();

    CountingExporter(SpanExporter delegate) {
        SDK_LOG.setLevel(Level.OFF);
        this.delegate = delegate;
    }

    /** Spans not (yet) acknowledged: refused, failed, or still being retried when the run closed. */
    long failed() {
        return handed.get() - sent.get();
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        int count = spans.size();
        handed.addAndGet(count);
        CompletableResultCode result = delegate.export(spans);
        result.whenComplete(() -> {
            if (result.isSuccess()) {
                sent.addAndGet(count);
            }
        });
        return result;
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
