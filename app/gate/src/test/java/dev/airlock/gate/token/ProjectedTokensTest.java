package dev.airlock.gate.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Kubernetes projected tokens as a cluster signs them (real RSA and EC keys made here, a JWKS file as
 * {@code kubectl get --raw /openid/v1/jwks} prints it), and every way an attacker or a misconfiguration gets one
 * wrong. Each refusal names its own rule.
 */
class ProjectedTokensTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final String SA = "system:serviceaccount:team-a:agent-researcher";

    private static RSAKey rsa;
    private static ECKey ec;
    private static RSAKey stranger;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        // Same kid as the cluster's key: a forger who copied the header gains nothing.
        stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    }

    private ProjectedTokens verifier(JWK... published) throws Exception {
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(List.of(published)).toPublicJWKSet().toString());
        return new ProjectedTokens(jwks, "airlock-gate", "team-a", () -> NOW);
    }

    private static JWTClaimsSet.Builder claims(String subject, long issuedAt, long lifetimeSeconds) {
        return new JWTClaimsSet.Builder().issuer("https://kubernetes.default.svc").subject(subject)
                .audience(List.of("airlock-gate", "other")).issueTime(new Date(issuedAt))
                .notBeforeTime(new Date(issuedAt)).expirationTime(new Date(issuedAt + lifetimeSeconds * 1000));
    }

    private static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, JWTClaimsSet claims)
            throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String rs256(RSAKey key, JWTClaimsSet claims) throws Exception {
        return sign(new RSASSASigner(key), JWSAlgorithm.RS256, key.getKeyID(), claims);
    }

    private static String valid() throws Exception {
        return rs256(rsa, claims(SA, NOW - 60_000, 600).build());
    }

    @Test
    void aClusterTokenNamesItsAgent() throws Exception {
        ProjectedTokens tokens = verifier(rsa, ec);
        assertThat(tokens.agentOf(valid())).isEqualTo("researcher");
        String es = sign(new ECDSASigner(ec), JWSAlgorithm.ES256, "ec-1",
                claims("system:serviceaccount:team-a:agent-writer", NOW, 600).build());
        assertThat(tokens.agentOf(es)).isEqualTo("writer");
    }

    @Test
    void forgedTokensAreRefused() throws Exception {
        ProjectedTokens tokens = verifier(rsa);
        refused(tokens, rs256(stranger, claims(SA, NOW, 600).build()), "token.forged");
        // A valid token whose claims were edited after signing.
        String[] parts = valid().split("\\.");
        String edited = parts[0] + "." + Base64URL.encode(claims("system:serviceaccount:team-a:agent-planner",
                NOW, 600).build().toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        refused(tokens, edited, "token.forged");
    }

    @Test
    void algorithmsOtherThanRs256AndEs256AreRefused() throws Exception {
        ProjectedTokens tokens = verifier(rsa);
        refused(tokens, new PlainJWT(claims(SA, NOW, 600).build()).serialize(), "token.malformed");
        // The classic confusion: HMAC keyed with the public key, which anyone has.
        byte[] publicBytes = rsa.toRSAPublicKey().getEncoded();
        refused(tokens, sign(new MACSigner(java.util.Arrays.copyOf(publicBytes, 64)), JWSAlgorithm.HS256, "rsa-1",
                claims(SA, NOW, 600).build()), "token.algorithm");
    }

    @Test
    void expiredOrFutureTokensAreRefused() throws Exception {
        ProjectedTokens tokens = verifier(rsa);
        refused(tokens, rs256(rsa, claims(SA, NOW - 700_000, 600).build()), "token.expired");
        refused(tokens, rs256(rsa, claims(SA, NOW + 300_000, 600).build()), "token.not-yet-valid");
        refused(tokens, rs256(rsa, claims(SA, NOW, 600).notBeforeTime(new Date(NOW + 120_000)).build()),
                "token.not-yet-valid");
        refused(tokens, rs256(rsa, claims(SA, NOW, 600).issueTime(null).build()), "token.lifetime");
    }

    @Test
    void aTokenLivingLongerThanAnHourIsRefused() throws Exception {
        ProjectedTokens tokens = verifier(rsa);
        refused(tokens, rs256(rsa, claims(SA, NOW - 60_000, 3601).build()), "token.lifetime");
        assertThat(tokens.agentOf(rs256(rsa, claims(SA, NOW - 60_000, 3600).build()))).isEqualTo("researcher");
    }

    @Test
    void theWrongAudienceIsRefused() throws Exception {
        ProjectedTokens tokens = verifier(rsa);
        refused(tokens, rs256(rsa, claims(SA, NOW, 600).audience("https://kubernetes.default.svc").build()),
                "token.audience");
        refused(tokens, rs256(rsa, claims(SA, NOW, 600).audience((String) null).build()), "token.audience");
    }

    @Test
    void anotherNamespaceOrANonAgentAccountIsRefused() throws Exception {
        ProjectedTokens tokens = verifier(rsa);
        refused(tokens, rs256(rsa, claims("system:serviceaccount:team-b:agent-researcher", NOW, 600).build()),
                "token.namespace");
        refused(tokens, rs256(rsa, claims("system:serviceaccount:team-a:default", NOW, 600).build()),
                "token.namespace");
        refused(tokens, rs256(rsa, claims("system:serviceaccount:team-a:agent-", NOW, 600).build()),
                "token.subject");
        refused(tokens, rs256(rsa, claims("alice", NOW, 600).build()), "token.subject");
    }

    @Test
    void anEmptyKeySetRefusesEveryoneAndSaysHowToFillIt() throws Exception {
        ProjectedTokens tokens = verifier();
        assertThat(tokens.keyCount()).isZero();
        assertThatThrownBy(() -> tokens.agentOf(valid())).isInstanceOf(TokenException.class)
                .hasMessageContaining("kubectl get --raw /openid/v1/jwks")
                .extracting(e -> ((TokenException) e).rule()).isEqualTo("token.no-keys");
    }

    @Test
    void aRotatedKeySetIsReadWithoutRestart() throws Exception {
        ProjectedTokens tokens = verifier();
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(rsa).toPublicJWKSet().toString());
        Files.setLastModifiedTime(jwks, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(tokens.agentOf(valid())).isEqualTo("researcher");
    }

    @Test
    void garbageIsMalformedAndAJwksFileThatIsNotOneStopsTheStart() throws Exception {
        ProjectedTokens tokens = verifier(rsa);
        for (String bad : new String[] {"", "a.b.c", "x".repeat(9000), "al1.abc.def"}) {
            refused(tokens, bad, "token.malformed");
        }
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"keys\": 7}");
        assertThatThrownBy(() -> new ProjectedTokens(broken, "airlock-gate", "team-a"))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("not a JWK set");
    }

    private static void refused(ProjectedTokens tokens, String token, String rule) {
        assertThatThrownBy(() -> tokens.agentOf(token)).isInstanceOf(TokenException.class)
                .extracting(e -> ((TokenException) e).rule()).isEqualTo(rule);
    }
}
