package io.bilateral.ingest.rest;

import io.bilateral.localstack.TestStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;

/**
 * An issuer rotating its keys publishes both in its JWKS for a while: a token is verified with
 * the key its {@code kid} names, so tokens of the old key and of the new one are both accepted,
 * and one that names a key other than the one that signed it is refused. The clocks of the
 * issuer and the service may disagree by the configured skew (here 30 s), and by no more.
 */
@QuarkusTest
@TestProfile(KeyRotationTest.TwoKeys.class)
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
class KeyRotationTest implements ReadyFirst {

    private static final RsaJsonWebKey OLD = key("2026-old");
    private static final RsaJsonWebKey NEW = key("2026-new");
    private static final Path JWKS = Path.of("target", "key-rotation", "jwks.json").toAbsolutePath();

    public static class TwoKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(JWKS.getParent());
                Files.writeString(JWKS, new JsonWebKeySet(OLD, NEW).toJson());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("mp.jwt.verify.publickey.location", JWKS.toString(), "mp.jwt.verify.clock.skew", "30");
        }
    }

    private static RsaJsonWebKey key(String kid) {
        try {
            RsaJsonWebKey k = RsaJwkGenerator.generateJwk(2048);
            k.setKeyId(kid);
            k.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            return k;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String FACT = """
            {"type": "DiplomaticRelationsEstablished", "dyad": "EST-SWE", "occurred": "1991-08",
             "sources": [{"url": "https://example.org/rotation"}]}""";

    private static String token(RsaJsonWebKey signer, String kid, Consumer<JwtClaims> change) throws JoseException {
        JwtClaims claims = TokenEdgeCasesTest.claims(c -> c.setSubject("rotation-tests"));
        change.accept(claims);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(kid);
        jws.setKey(signer.getPrivateKey());
        return jws.getCompactSerialization();
    }

    private static int post(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(FACT).post("/events").statusCode();
    }

    private static Consumer<JwtClaims> expiredSecondsAgo(int seconds) {
        return c -> {
            NumericDate exp = NumericDate.now();
            exp.addSeconds(-seconds);
            c.setExpirationTime(exp);
            NumericDate iat = NumericDate.now();
            iat.addSeconds(-seconds - 600);
            c.setIssuedAt(iat);
        };
    }

    private static Consumer<JwtClaims> validFromSecondsAhead(int seconds) {
        return c -> {
            NumericDate nbf = NumericDate.now();
            nbf.addSeconds(seconds);
            c.setNotBefore(nbf);
        };
    }

    @Test
    void duringARotation_tokensOfTheOldKeyAndOfTheNewOneAreAccepted_eachByItsKid() throws Exception {
        org.assertj.core.api.Assertions.assertThat(post(token(OLD, "2026-old", c -> { }))).isEqualTo(202);
        org.assertj.core.api.Assertions.assertThat(post(token(NEW, "2026-new", c -> { }))).isEqualTo(202);
    }

    @Test
    void aTokenNamingAKeyOtherThanTheOneThatSignedIt_orAnUnknownKey_isRefused() throws Exception {
        org.assertj.core.api.Assertions.assertThat(post(token(NEW, "2026-old", c -> { }))).isEqualTo(401);
        org.assertj.core.api.Assertions.assertThat(post(token(OLD, "2026-new", c -> { }))).isEqualTo(401);
        org.assertj.core.api.Assertions.assertThat(post(token(key("elsewhere"), "elsewhere", c -> { }))).isEqualTo(401);
    }

    @Test
    void clocksMayDisagreeByTheConfiguredSkew_andNoMore() throws Exception {
        org.assertj.core.api.Assertions.assertThat(post(token(NEW, "2026-new", expiredSecondsAgo(10)))).isEqualTo(202);
        org.assertj.core.api.Assertions.assertThat(post(token(NEW, "2026-new", expiredSecondsAgo(90)))).isEqualTo(401);
        org.assertj.core.api.Assertions.assertThat(post(token(NEW, "2026-new", validFromSecondsAhead(10)))).isEqualTo(202);
        org.assertj.core.api.Assertions.assertThat(post(token(NEW, "2026-new", validFromSecondsAhead(90)))).isEqualTo(401);
    }
}
