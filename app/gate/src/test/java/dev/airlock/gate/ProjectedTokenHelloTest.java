package dev.airlock.gate;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.airlock.core.event.GateAction;
import dev.airlock.gate.token.ProjectedTokens;
import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gate in Kubernetes mode over real TCP on loopback: a projected token of an agent's ServiceAccount is that
 * agent; its own launch tokens, a token of an account the topology has no agent for, and a forged one are refused
 * on the record before any session exists.
 */
class ProjectedTokenHelloTest {

    @TempDir
    Path dir;
    RSAKey key;
    Gate gate;
    InetSocketAddress address;
    EventStream.Subscription events;

    @BeforeEach
    void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path jwks = Files.writeString(dir.resolve("jwks.json"), new JWKSet(key).toPublicJWKSet().toString());
        gate = Gate.start(Fixtures.topology(), GateOptions.builder()
                .tcpAuthenticator(new ProjectedTokens(jwks, "airlock-gate", "team-a")).build());
        events = gate.events().subscribe(1024);
        address = gate.listenTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stop() {
        gate.close();
    }

    private String token(RSAKey signer, String account) throws Exception {
        long now = System.currentTimeMillis();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().subject("system:serviceaccount:team-a:" + account)
                        .audience("airlock-gate").issueTime(new Date(now)).expirationTime(new Date(now + 600_000))
                        .build());
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    private AgentClient hello(String token) throws Exception {
        AgentClient c = AgentClient.over(SocketChannel.open(address));
        c.send(Frame.of(Header.type("hello").put("v", 1L).put("token", token).build()));
        return c;
    }

    @Test
    void theServiceAccountsAgentIsServed() throws Exception {
        try (AgentClient c = hello(token(key, "agent-researcher"))) {
            Frame ready = c.next();
            assertThat(ready.type()).isEqualTo("ready");
            assertThat(ready.header().string("agent")).isEqualTo("researcher");
        }
    }

    @Test
    void unknownAgentsForgeriesAndLaunchTokensAreRefused() throws Exception {
        RSAKey forger = new RSAKeyGenerator(2048).keyID("k1").generate();
        List<String> bad = List.of(token(key, "agent-intruder"), token(forger, "agent-researcher"),
                gate.launchToken("researcher"));
        for (String token : bad) {
            try (AgentClient c = hello(token)) {
                Frame f = c.next();
                assertThat(f.type()).isEqualTo("error");
                assertThat(f.header().string("code")).isEqualTo("auth_failed");
                assertThat(c.closedByGate(2000)).isTrue();
            }
        }
        List<String> rules = new java.util.ArrayList<>();
        long deadline = System.currentTimeMillis() + 5000;
        while (rules.size() < 3 && System.currentTimeMillis() < deadline) {
            var e = events.poll(100);
            if (e instanceof dev.airlock.core.event.GateDecision d && d.action() == GateAction.BLOCK) {
                rules.add(d.rule());
            }
        }
        assertThat(rules).containsExactly("token.agent", "token.forged", "token.malformed");
    }
}
