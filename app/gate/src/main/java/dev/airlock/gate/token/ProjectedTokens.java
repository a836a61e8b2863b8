package dev.airlock.gate.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Checks Kubernetes projected ServiceAccount tokens: a JWS signed (RS256 or ES256 only: no {@code none}, no HMAC
 * that a public key could be abused as) by a key of the cluster's JWKS file, with the gate in {@code aud}, not
 * expired, not from the future, living at most an hour, and whose subject is
 * {@code system:serviceaccount:<namespace>:agent-<id>}. The agent is the {@code <id>}.
 *
 * <p>The JWKS file is re-read when it changes (a ConfigMap update), so rotating the cluster's keys needs no restart.
 */
public final class ProjectedTokens implements TcpAuthenticator {

    /** Kubernetes' own tokens are short; one that claims to live longer was not requested by this deployment. */
    static final Duration MAX_LIFETIME = Duration.ofHours(1);
    /** Clocks of the API server and the gate's node differ a little. */
    static final Duration SKEW = Duration.ofSeconds(30);
    private static final int MAX_TOKEN_CHARS = 8192;
    private static final int MIN_RSA_BITS = 2048;
    private static final String JWKS_COMMAND = "kubectl get --raw /openid/v1/jwks";

    private final Path jwksFile;
    private final String audience;
    private final String subjectPrefix;
    private final LongSupplier clockMillis;
    private FileTime loadedAt;
    private List<JWK> keys = List.of();

    /**
     * @throws IOException when the JWKS file cannot be read or is not a JWK set, so a gate never starts on one
     */
    public ProjectedTokens(Path jwksFile, String audience, String namespace, LongSupplier clockMillis)
            throws IOException {
        this.jwksFile = Objects.requireNonNull(jwksFile);
        this.audience = requireText(audience, "audience");
        this.subjectPrefix = "system:serviceaccount:" + requireText(namespace, "namespace") + ":agent-";
        this.clockMillis = clockMillis;
        reload();
    }

    public ProjectedTokens(Path jwksFile, String audience, String namespace) throws IOException {
        this(jwksFile, audience, namespace, System::currentTimeMillis);
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the Kubernetes " + what + " must not be empty");
        }
        return value;
    }

    /** How many usable keys the JWKS file holds now; zero means every agent is refused. */
    public synchronized int keyCount() {
        return keys.size();
    }

    /** What to tell an operator whose JWKS file holds no key. */
    public String noKeysAdvice() {
        return jwksFile + " holds no key: fill it from '" + JWKS_COMMAND + "'";
    }

    @Override
    public String agentOf(String token) throws TokenException {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw new TokenException("token.malformed", "not a Kubernetes token");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenException("token.malformed", "not a signed JWT");
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!JWSAlgorithm.RS256.equals(alg) && !JWSAlgorithm.ES256.equals(alg)) {
            throw new TokenException("token.algorithm", "algorithm " + alg + " is not RS256 or ES256");
        }
        List<JWK> candidates = keysFor(jwt);
        if (candidates.isEmpty()) {
            throw new TokenException("token.no-keys", noKeysAdvice());
        }
        if (!verifiedByAny(jwt, alg, candidates)) {
            throw new TokenException("token.forged", "no key of " + jwksFile.getFileName() + " signed this token");
        }
        checkTimes(claims);
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            throw new TokenException("token.audience", "the token is not meant for audience '" + audience + "'");
        }
        return agentIn(claims.getSubject());
    }

    private boolean verifiedByAny(SignedJWT jwt, JWSAlgorithm alg, List<JWK> candidates) throws TokenException {
        for (JWK key : candidates) {
            try {
                JWSVerifier verifier = verifierFor(key, alg);
                if (verifier != null && jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException e) {
                // a key of the wrong curve or size verifies nothing; try the next
            }
        }
        return false;
    }

    private static JWSVerifier verifierFor(JWK key, JWSAlgorithm alg) throws JOSEException {
        if (JWSAlgorithm.RS256.equals(alg) && key instanceof RSAKey rsa
                && rsa.toRSAPublicKey().getModulus().bitLength() >= MIN_RSA_BITS) {
            return new RSASSAVerifier(rsa.toRSAPublicKey());
        }
        if (JWSAlgorithm.ES256.equals(alg) && key instanceof ECKey ec
                && Curve.P_256.equals(ec.getCurve())) {
            return new ECDSAVerifier(ec.toECPublicKey());
        }
        return null;
    }

    private void checkTimes(JWTClaimsSet claims) throws TokenException {
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null) {
            throw new TokenException("token.lifetime", "the token must say when it was issued and when it expires");
        }
        long now = clockMillis.getAsLong();
        long skew = SKEW.toMillis();
        if (now >= exp.getTime() + skew) {
            throw new TokenException("token.expired", "token expired");
        }
        if (iat.getTime() > now + skew) {
            throw new TokenException("token.not-yet-valid", "the token was issued in the future");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.getTime() > now + skew) {
            throw new TokenException("token.not-yet-valid", "the token is not valid yet");
        }
        if (exp.getTime() - iat.getTime() > MAX_LIFETIME.toMillis()) {
            throw new TokenException("token.lifetime", "the token lives longer than " + MAX_LIFETIME.toMinutes()
                    + " minutes");
        }
    }

    private String agentIn(String subject) throws TokenException {
        if (subject == null || !subject.startsWith("system:serviceaccount:")) {
            throw new TokenException("token.subject", "the token's subject is not a ServiceAccount");
        }
        if (!subject.startsWith(subjectPrefix)) {
            throw new TokenException("token.namespace", "the token's ServiceAccount is not an agent of this "
                    + "namespace: " + subject);
        }
        String agent = subject.substring(subjectPrefix.length());
        if (agent.isEmpty()) {
            throw new TokenException("token.subject", "the token's ServiceAccount names no agent");
        }
        return agent;
    }

    /** The keys that may have signed this token: the one its {@code kid} names, or all when it names none. */
    private synchronized List<JWK> keysFor(SignedJWT jwt) throws TokenException {
        try {
            reloadIfChanged();
        } catch (IOException e) {
            // Keep the keys read last: a ConfigMap mid-update must not lock every agent out.
        }
        String kid = jwt.getHeader().getKeyID();
        return kid == null ? keys : keys.stream().filter(k -> kid.equals(k.getKeyID())).toList();
    }

    private void reloadIfChanged() throws IOException {
        if (!Files.getLastModifiedTime(jwksFile).equals(loadedAt)) {
            reload();
        }
    }

    private synchronized void reload() throws IOException {
        FileTime modified = Files.getLastModifiedTime(jwksFile);
        try {
            // Only public halves are ever used, even if someone pasted a private key into the file.
            keys = JWKSet.load(jwksFile.toFile()).getKeys().stream().map(JWK::toPublicJWK).toList();
        } catch (ParseException e) {
            throw new IOException(jwksFile + " is not a JWK set: " + e.getMessage());
        }
        loadedAt = modified;
    }
}
