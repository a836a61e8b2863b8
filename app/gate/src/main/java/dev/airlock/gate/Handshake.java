package dev.airlock.gate;

import dev.airlock.core.event.GateAction;
import dev.airlock.gate.token.TokenClaims;
import dev.airlock.gate.token.TokenService;
import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.Header;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A session's hello and what follows from it: the version check, one live connection per agent, the {@code ready}
 * answer with the agent's token and scope, the token's rotation before it expires, and the messages that waited.
 */
final class Handshake {

    private static final int PROTOCOL_VERSION = 1;

    private final Pipeline pipeline;
    private final String userId;
    private final TokenService tokens;
    private final Duration tokenTtl;
    private final ScheduledExecutorService scheduler;
    private final Sessions sessions;
    private final Mailboxes mailboxes;
    private final Recorder recorder;

    Handshake(Pipeline pipeline, TokenService tokens, Duration tokenTtl, ScheduledExecutorService scheduler,
              Sessions sessions, Mailboxes mailboxes, Recorder recorder) {
        this.pipeline = pipeline;
        this.userId = pipeline.topology().user().id();
        this.tokens = tokens;
        this.tokenTtl = tokenTtl;
        this.scheduler = scheduler;
        this.sessions = sessions;
        this.mailboxes = mailboxes;
        this.recorder = recorder;
    }

    void hello(Session s, Frame hello) throws IOException {
        Object v = hello.header().get("v");
        if (!(v instanceof Long version) || version != PROTOCOL_VERSION) {
            s.send(Replies.error("unsupported_version", "this gate speaks protocol v" + PROTOCOL_VERSION,
                    hello.header().id()));
            s.close("unsupported version");
            return;
        }
        if (hello.header().has("from")) {
            s.send(Replies.error("from_not_allowed", "frames never name their sender", hello.header().id()));
            return;
        }
        if (!sessions.claimLive(s)) {
            s.send(Replies.error("already_connected", "agent " + s.agent() + " already has a live connection",
                    hello.header().id()));
            s.close("duplicate connection");
            return;
        }
        long started = System.nanoTime();
        TokenClaims claims = tokens.claimsFor(s.agent(), userId, scopes(s.agent()));
        String token = tokens.issue(claims);
        s.becomeReady();
        s.send(Frame.of(Header.type("ready").put("id", hello.header().id()).put("agent", s.agent())
                .put("user", userId).put("token", token).put("exp", claims.expiresAt())
                .put("peers", pipeline.peersOf(s.agent())).put("tools", pipeline.toolsOf(s.agent()))
                .put("models", pipeline.modelsOf(s.agent())).build()));
        scheduleRotation(s);
        mailboxes.flush(s);
        recorder.emit(recorder.decision(s.agent(), "hello", "", "", "", GateAction.DELIVER, "", "", List.of(), 0, 0,
                started, 0, 0));
    }

    private List<String> scopes(String agent) {
        List<String> scopes = new ArrayList<>(pipeline.toolsOf(agent).stream().map(t -> "tool:" + t).toList());
        pipeline.modelsOf(agent).forEach(m -> scopes.add("model:" + m));
        return scopes;
    }

    /** Rotates a session's token when four fifths of its life have passed, so it never expires in use. */
    private void scheduleRotation(Session s) {
        long delay = Math.max(1, tokenTtl.toMillis() * 4 / 5);
        s.rotation(scheduler.schedule(() -> {
            if (!s.ready()) {
                return;
            }
            TokenClaims claims = tokens.claimsFor(s.agent(), userId, scopes(s.agent()));
            String token = tokens.issue(claims);
            s.sendQuietly(Frame.of(Header.type("token").put("token", token).put("exp", claims.expiresAt()).build()));
            scheduleRotation(s);
        }, delay, TimeUnit.MILLISECONDS));
    }
}
