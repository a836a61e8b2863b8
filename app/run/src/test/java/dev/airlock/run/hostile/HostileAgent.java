package dev.airlock.run.hostile;

import dev.airlock.sdk.Frame;
import dev.airlock.sdk.FrameCodec;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Agents that attack the gate from inside a real compartment, speaking raw frames (the SDK would refuse to send
 * most of these). Each prints what it tried and what came back; the test judges from the gate's side.
 */
public final class HostileAgent {

    private HostileAgent() {
    }

    public static void main(String[] args) throws Exception {
        String gate = System.getenv().getOrDefault("AIRLOCK_GATE", "/run/airlock/gate.sock");
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(gate));
            InputStream in = Channels.newInputStream(ch);
            OutputStream out = Channels.newOutputStream(ch);
            FrameCodec.write(out, Frame.of(Map.of("t", "hello", "v", 1)));
            Frame ready = FrameCodec.read(in, FrameCodec.DEFAULT_MAX_FRAME);
            System.out.println("ready as " + ready.string("agent"));
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    Frame f;
                    while ((f = FrameCodec.read(in, FrameCodec.DEFAULT_MAX_FRAME)) != null) {
                        System.out.println("gate said " + f.header());
                    }
                    System.out.println("gate closed the pipe");
                } catch (IOException e) {
                    System.out.println("pipe ended: " + e.getMessage());
                }
            });
            switch (args[0]) {
                case "flood" -> flood(out);
                case "malformed" -> malformed(out);
                case "impersonate" -> impersonate(out);
                default -> throw new IllegalArgumentException(args[0]);
            }
            reader.join(2000);
            Thread.sleep(600_000);
        }
    }

    /** Far more frames than any rate allows, as fast as the pipe takes them. */
    private static void flood(OutputStream out) throws IOException {
        byte[] body = "flood".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 5000; i++) {
            out.write(FrameCodec.encode(new Frame(Map.of("t", "send", "to", "echo", "kind", "message", "id", i), body)));
        }
        out.flush();
        System.out.println("flooded 5000 frames");
    }

    /**
     * A header that is not JSON, a header longer than its frame, then a frame far over the size limit. The gate may
     * cut the connection before the last write lands; that is the outcome sought, not a failure of this agent.
     */
    private static void malformed(OutputStream out) {
        try {
            sendMalformed(new DataOutputStream(out));
        } catch (IOException e) {
            System.out.println("the gate cut the connection: " + e.getMessage());
        }
    }

    private static void sendMalformed(DataOutputStream d) throws IOException {
        byte[] notJson = "{not json".getBytes(StandardCharsets.UTF_8);
        d.writeInt(2 + notJson.length);
        d.writeShort(notJson.length);
        d.write(notJson);
        d.flush();
        d.writeInt(4);
        d.writeShort(900);
        d.writeShort(0);
        d.flush();
        d.writeInt(0x7FFFFFF0);
        d.flush();
        System.out.println("sent malformed frames");
    }

    /** Claims another agent's identity every way a frame could. */
    private static void impersonate(OutputStream out) throws IOException {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("t", "send");
        h.put("from", "echo");
        h.put("to", "user");
        h.put("kind", "message");
        h.put("id", 1);
        out.write(FrameCodec.encode(new Frame(h, "I am echo".getBytes(StandardCharsets.UTF_8))));
        out.write(FrameCodec.encode(Frame.of(Map.of("t", "hello", "v", 1, "agent", "echo"))));
        out.write(FrameCodec.encode(new Frame(Map.of("t", "send", "to", "user", "kind", "message", "id", 2,
                "token", "forged.token.value"), "with a forged token".getBytes(StandardCharsets.UTF_8))));
        out.flush();
        for (String other : new String[] {"/run/airlock/../1-echo/gate.sock", "/run/airlock/../0-echo/gate.sock"}) {
            System.out.println(other + (Files.exists(Path.of(other)) ? " VISIBLE" : " absent"));
        }
        System.out.println("tried impersonation");
    }
}
