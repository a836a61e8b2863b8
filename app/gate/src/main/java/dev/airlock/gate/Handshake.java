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
    private final Outcomes outcomes;

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
        this.outcomes = new Outcomes(recorder);
    }

    /** A frame on a connection that has not said hello yet: only a hello is served, anything else is refused. */
    void beforeHello(Session s, Frame frame) throws IOException {
        if (!"hello".equals(frame.type())) {
            outcomes.refuse(s, frame, System.nanoTime(), GateAction.ERROR, "handshake.before-hello",
                    "the first frame must be hello", "hello_required");
            return;
        }
        hello(s, frame);
    }

    private void hello(Session s, Frame hello) throws IOException {
        long started = System.nanoTime();
        Object v = hello.header().get("v");
        if (!(v instanceof Long version) || version != PROTOCOL_VERSION) {
            outcomes.refuse(s, hello, started, GateAction.ERROR, "handshake.version",
                    "this gate speaks protocol v" + PROTOCOL_VERSION, "unsupported_version");
            s.close("unsupported version");
            return;
        }
        if (hello.header().has("from")) {
            outcomes.refuse(s, hello, started, GateAction.ERROR, "identity.from", "frames never name their sender",
                    "from_not_allowed");
            return;
        }
        if (!sessions.claimLive(s)) {
            outcomes.refuse(s, hello, started, GateAction.ERROR, "handshake.duplicate-connection",
                    "agent " + s.agent() + " already has a live connection", "already_connected");
            s.close("duplicate connection");
            return;
        }
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
            s.sendNotice(Frame.of(Header.type("token").put("token", token).put("exp", claims.expiresAt()).build()));
            scheduleRotation(s);
        }, delay, TimeUnit.MILLISECONDS));
    }
}
