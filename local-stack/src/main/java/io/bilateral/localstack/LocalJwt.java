package io.bilateral.localstack;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local stand-in for an identity provider: an RSA key pair kept in a directory
 * ({@code public.pem} is what the services verify tokens with) and signed bearer tokens
 * for local use and tests. In production the services verify tokens of a real issuer instead.
 *
 * <p>{@code java -cp local-stack.jar io.bilateral.localstack.LocalJwt DIR [ROLE...]} prints a
 * token with those roles (default: editor), valid for 30 days.
 */
public final class LocalJwt {

    public static final String ISSUER = "https://bilateral.io/local";
    /** Who the tokens are for: both services accept only tokens meant for them ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "bilateral";

    private final Path dir;

    private LocalJwt(Path dir) {
        this.dir = dir;
    }

    /** Uses the key pair in {@code dir}, creating it on first use. */
    public static LocalJwt in(Path dir) {
        try {
            Files.createDirectories(dir);
            if (!Files.exists(dir.resolve("private.pem"))) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(dir.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                writePrivate(dir.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            }
            return new LocalJwt(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path publicKey() {
        return dir.resolve("public.pem").toAbsolutePath();
    }

    /** The settings with which a service verifies these tokens. */
    public Map<String, String> serviceConfig() {
        return Map.of("mp.jwt.verify.publickey.location", publicKey().toString(), "mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.verify.audiences", AUDIENCE);
    }

    /** A signed token for {@code subject} with the given roles (the {@code groups} claim). */
    public String token(String subject, List<String> roles, Duration ttl) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", roles);
        claims.setIssuedAtToNow();
        NumericDate expires = NumericDate.now();
        expires.addSeconds(ttl.toSeconds());
        claims.setExpirationTime(expires);
        claims.setJwtId(UUID.randomUUID().toString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKey(privateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private PrivateKey privateKey() {
        try {
            String pem = Files.readString(dir.resolve("private.pem"))
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Written readable by its owner only: whoever reads it can sign editor tokens. */
    public static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: LocalJwt DIR [ROLE...]");
            System.exit(2);
        }
        List<String> roles = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("editor");
        System.out.println(in(Path.of(args[0])).token("local-" + String.join("-", roles), roles, Duration.ofDays(30)));
    }
}
