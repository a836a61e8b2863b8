package dev.airlock.gate.token;

import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Issues and checks the gate's short-lived tokens: {@code al1.<claims>.<HMAC-SHA256>}, base64url, signed with a key
 * that exists only in this gate process (a restart invalidates every token, which is the point). Tools and models
 * see these tokens, never a real credential.
 */
public final class TokenService {

    private static final String PREFIX = "al1.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] key;
    private final Duration ttl;
    private final LongSupplier clock;

    public TokenService(Duration ttl) {
        this(ttl, System::currentTimeMillis, freshKey());
    }

    /** For tests that need to move time or share a key; production uses a fresh random key. */
    public TokenService(Duration ttl, LongSupplier clockMillis, byte[] key) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("token TTL must be positive");
        }
        this.ttl = ttl;
        this.clock = clockMillis;
        this.key = key.clone();
    }

    private static byte[] freshKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    public Duration ttl() {
        return ttl;
    }

    public TokenClaims claimsFor(String agent, String user, List<String> scopes) {
        long now = clock.getAsLong();
        return new TokenClaims(agent, user, List.of(user, agent), scopes, now, now + ttl.toMillis(),
                UUID.randomUUID().toString());
    }

    public String issue(TokenClaims claims) {
        try {
            String payload = B64.encodeToString(JSON.writeValueAsBytes(claims));
            return PREFIX + payload + "." + B64.encodeToString(sign(payload));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise token claims", e);
        }
    }

    /** Checks signature, expiry and holder; {@code expectedAgent} null accepts any agent (TCP authentication). */
    public TokenClaims verify(String token, String expectedAgent) throws TokenException {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 8192) {
            throw new TokenException("token.malformed", "not a gate token");
        }
        int dot = token.indexOf('.', PREFIX.length());
        if (dot < 0 || token.indexOf('.', dot + 1) >= 0) {
            throw new TokenException("token.malformed", "not a gate token");
        }
        String payload = token.substring(PREFIX.length(), dot);
        byte[] signature;
        try {
            signature = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new TokenException("token.malformed", "signature is not base64url");
        }
        if (!MessageDigest.isEqual(signature, sign(payload))) {
            throw new TokenException("token.forged", "signature does not match this gate's key");
        }
        TokenClaims claims;
        try {
            claims = JSON.readValue(B64D.decode(payload), TokenClaims.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new TokenException("token.malformed", "claims are unreadable");
        }
        if (clock.getAsLong() >= claims.expiresAt()) {
            throw new TokenException("token.expired", "token expired");
        }
        if (expectedAgent != null && !expectedAgent.equals(claims.agent())) {
            throw new TokenException("token.agent", "token belongs to another agent");
        }
        return claims;
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
