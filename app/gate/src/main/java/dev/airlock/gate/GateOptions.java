package dev.airlock.gate;

import dev.airlock.core.event.EventSink;
import dev.airlock.gate.token.TcpAuthenticator;
import dev.airlock.gate.wire.FrameCodec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a gate runs. {@code auditLog} and {@code capture} are optional files (null: none); the capture holds raw
 * payloads and is created with mode 0600. {@code maxFrameBytes} bounds every frame on every transport.
 * {@code maxBufferedBytes} bounds what the gate holds for one agent that is not reading or not connected; a message
 * that does not fit is refused. {@code helloTimeout} is how long a connection an agent opened may take to say
 * hello.
 * {@code tools} and {@code models} say which plugin instance serves a topology's tool or model; the gate does the
 * rest (scope, guardrails, translating the wire, resolving credentials through {@code credentials}).
 * {@code tcpAuthenticator} decides who a TCP hello's token is; null takes the gate's own launch tokens.
 */
public record GateOptions(
        EventSink events,
        Path auditLog,
        Path capture,
        ApprovalHandler approvals,
        Duration tokenTtl,
        int maxFrameBytes,
        CredentialResolver credentials,
        ToolSource tools,
        ModelSource models,
        long maxBufferedBytes,
        Duration helloTimeout,
        TcpAuthenticator tcpAuthenticator) {

    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofMinutes(5);
    /** Four maximum-size frames: room for bursts, and a few MiB per agent at worst. */
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 4L << 20;
    /** An agent says hello as soon as it has connected; seconds are ample, and keep idle connections from piling. */
    public static final Duration DEFAULT_HELLO_TIMEOUT = Duration.ofSeconds(5);

    public GateOptions {
        events = events == null ? EventSink.NONE : events;
        approvals = approvals == null ? ApprovalHandler.DENY_ALL : approvals;
        tokenTtl = tokenTtl == null ? DEFAULT_TOKEN_TTL : tokenTtl;
        maxFrameBytes = maxFrameBytes <= 0 ? FrameCodec.DEFAULT_MAX_FRAME : maxFrameBytes;
        credentials = credentials == null ? CredentialResolver.DEFAULT : credentials;
        tools = tools == null ? ToolSource.NONE : tools;
        models = models == null ? ModelSource.NONE : models;
        maxBufferedBytes = maxBufferedBytes <= 0 ? DEFAULT_MAX_BUFFERED_BYTES : maxBufferedBytes;
        helloTimeout = helloTimeout == null ? DEFAULT_HELLO_TIMEOUT : helloTimeout;
    }

    public static GateOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private EventSink events;
        private Path auditLog;
        private Path capture;
        private ApprovalHandler approvals;
        private Duration tokenTtl;
        private int maxFrameBytes;
        private CredentialResolver credentials;
        private ToolSource tools;
        private ModelSource models;
        private long maxBufferedBytes;
        private Duration helloTimeout;
        private TcpAuthenticator tcpAuthenticator;

        public Builder events(EventSink events) {
            this.events = Objects.requireNonNull(events);
            return this;
        }

        public Builder auditLog(Path auditLog) {
            this.auditLog = auditLog;
            return this;
        }

        public Builder capture(Path capture) {
            this.capture = capture;
            return this;
        }

        public Builder approvals(ApprovalHandler approvals) {
            this.approvals = approvals;
            return this;
        }

        public Builder tokenTtl(Duration tokenTtl) {
            this.tokenTtl = tokenTtl;
            return this;
        }

        public Builder maxFrameBytes(int maxFrameBytes) {
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        public Builder credentials(CredentialResolver credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder tools(ToolSource tools) {
            this.tools = tools;
            return this;
        }

        public Builder models(ModelSource models) {
            this.models = models;
            return this;
        }

        public Builder maxBufferedBytes(long maxBufferedBytes) {
            this.maxBufferedBytes = maxBufferedBytes;
            return this;
        }

        public Builder helloTimeout(Duration helloTimeout) {
            this.helloTimeout = helloTimeout;
            return this;
        }

        public Builder tcpAuthenticator(TcpAuthenticator tcpAuthenticator) {
            this.tcpAuthenticator = tcpAuthenticator;
            return this;
        }

        public GateOptions build() {
            return new GateOptions(events, auditLog, capture, approvals, tokenTtl, maxFrameBytes, credentials, tools,
                    models, maxBufferedBytes, helloTimeout, tcpAuthenticator);
        }
    }
}
