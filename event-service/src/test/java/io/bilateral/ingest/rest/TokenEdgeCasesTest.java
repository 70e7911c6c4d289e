package io.bilateral.ingest.rest;

import io.bilateral.localstack.LocalJwt;
import io.bilateral.localstack.LocalJwtTestResource;
import io.bilateral.localstack.TestStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Tokens a write must not get through with: unsigned (alg none), signed with HMAC using the
 * public key as the secret (key confusion), signed by another key, expired, not yet valid, from
 * another issuer, for no audience or another one. Each is built like a valid one, which a control
 * test shows is accepted, so a refusal is the token's fault and nothing else's; a valid token
 * without the editor role writes nothing either.
 */
@QuarkusTest
@QuarkusTestResource(value = TestStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = LocalJwtTestResource.class, restrictToAnnotatedClass = true)
class TokenEdgeCasesTest implements ReadyFirst {

    private static final Path KEYS = Path.of("target", "local-jwt");
    private static final String FACT = """
            {"type": "DiplomaticRelationsEstablished", "dyad": "EST-LVA", "occurred": "1991-10",
             "sources": [{"url": "https://example.org/relations"}]}""";

    /** A valid editor's claims, changed by {@code change} (KeyRotationTest builds on them too). */
    static JwtClaims claims(Consumer<JwtClaims> change) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(LocalJwt.ISSUER);
        claims.setAudience(LocalJwt.AUDIENCE);
        claims.setSubject("token-tests");
        claims.setStringListClaim("groups", List.of("editor"));
        claims.setIssuedAtToNow();
        NumericDate expires = NumericDate.now();
        expires.addSeconds(600);
        claims.setExpirationTime(expires);
        claims.setJwtId(UUID.randomUUID().toString());
        change.accept(claims);
        return claims;
    }

    private static String signed(JwtClaims claims, String algorithm, Key key) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setDoKeyValidation(false);
        if (key != null) {
            jws.setKey(key);
        }
        return jws.getCompactSerialization();
    }

    private static Key localPrivateKey() throws Exception {
        String pem = Files.readString(KEYS.resolve("private.pem")).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private static void refused(String token) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(FACT).post("/events")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aTokenBuiltTheSameWay_andSignedByTheLocalKey_isAccepted_andItsClientIsWhoRecordedTheEvent() throws Exception {
        io.restassured.response.Response r = given()
                .auth().oauth2(signed(claims(c -> c.setClaim("azp", "newsroom-app")), AlgorithmIdentifiers.RSA_USING_SHA256, localPrivateKey()))
                .contentType(ContentType.JSON).body(FACT).post("/events").then().statusCode(202).body("dyad", equalTo("EST-LVA"))
                .extract().response();
        var record = TopicRecords.at(TestStackResource.stack().kafkaBootstrapServers(), r.path("partition"),
                ((Number) r.path("offset")).longValue());
        org.assertj.core.api.Assertions.assertThat(io.bilateral.events.envelope.CloudEventsKafka.fromRecord(record).metadata().recordedBy())
                .isEqualTo(new io.bilateral.events.envelope.RecordedBy("token-tests", LocalJwt.ISSUER, "newsroom-app"));
    }

    @Test
    void aTokenWithClientIdButNoAzp_namesThatClient_andOneWithNeither_namesNone() throws Exception {
        assertThat(recordedBy(claims(c -> c.setClaim("client_id", "desk-importer"))))
                .isEqualTo(new io.bilateral.events.envelope.RecordedBy("token-tests", LocalJwt.ISSUER, "desk-importer"));
        assertThat(recordedBy(claims(c -> { })))
                .isEqualTo(new io.bilateral.events.envelope.RecordedBy("token-tests", LocalJwt.ISSUER, null));
    }

    /** Who the record of one fact posted with these claims (signed by the local key) says recorded it. */
    private static io.bilateral.events.envelope.RecordedBy recordedBy(JwtClaims claims) throws Exception {
        io.restassured.response.Response r = given().auth().oauth2(signed(claims, AlgorithmIdentifiers.RSA_USING_SHA256, localPrivateKey()))
                .contentType(ContentType.JSON).body(FACT).post("/events").then().statusCode(202).extract().response();
        var record = TopicRecords.at(TestStackResource.stack().kafkaBootstrapServers(), r.path("partition"),
                ((Number) r.path("offset")).longValue());
        return io.bilateral.events.envelope.CloudEventsKafka.fromRecord(record).metadata().recordedBy();
    }

    @Test
    void anUnsignedToken_algNone_isRefused() throws Exception {
        refused(signed(claims(c -> { }), AlgorithmIdentifiers.NONE, null));
    }

    @Test
    void aTokenSignedWithHmacUsingThePublicKeyAsItsSecret_isRefused() throws Exception {
        byte[] publicKey = Files.readAllBytes(KEYS.resolve("public.pem"));
        refused(signed(claims(c -> { }), AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(publicKey)));
    }

    @Test
    void aTokenSignedByAnotherKey_isRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        refused(signed(claims(c -> { }), AlgorithmIdentifiers.RSA_USING_SHA256, generator.generateKeyPair().getPrivate()));
    }

    @Test
    void anExpiredToken_isRefused() throws Exception {
        refused(signed(claims(c -> {
            NumericDate past = NumericDate.now();
            past.addSeconds(-120);
            c.setExpirationTime(past);
            NumericDate issued = NumericDate.now();
            issued.addSeconds(-720);
            c.setIssuedAt(issued);
        }), AlgorithmIdentifiers.RSA_USING_SHA256, localPrivateKey()));
    }

    @Test
    void aTokenNotYetValid_isRefused() throws Exception {
        refused(signed(claims(c -> {
            NumericDate later = NumericDate.now();
            later.addSeconds(300);
            c.setNotBefore(later);
        }), AlgorithmIdentifiers.RSA_USING_SHA256, localPrivateKey()));
    }

    @Test
    void aTokenOfAnotherIssuer_isRefused() throws Exception {
        refused(signed(claims(c -> c.setIssuer("https://elsewhere.example")), AlgorithmIdentifiers.RSA_USING_SHA256, localPrivateKey()));
    }

    @Test
    void aTokenForNoAudience_orForAnotherOne_isRefused() throws Exception {
        refused(signed(claims(c -> c.unsetClaim("aud")), AlgorithmIdentifiers.RSA_USING_SHA256, localPrivateKey()));
        refused(signed(claims(c -> c.setAudience("another-service")), AlgorithmIdentifiers.RSA_USING_SHA256, localPrivateKey()));
    }

    @Test
    void aValidTokenWithoutTheEditorRole_writesNothing() throws Exception {
        for (List<String> roles : List.of(List.of("admin"), List.of("viewer"), List.<String>of())) {
            given().auth().oauth2(signed(claims(c -> c.setStringListClaim("groups", roles)), AlgorithmIdentifiers.RSA_USING_SHA256, localPrivateKey()))
                    .contentType(ContentType.JSON).body(FACT).post("/events")
                    .then().statusCode(403).contentType("application/problem+json");
        }
    }
}
