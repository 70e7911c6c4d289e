package io.bilateral.localstack;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local key pair: whoever reads the private key can sign editor tokens, so only its owner may. */
class LocalJwtTest {

    @Test
    void thePrivateKeyIsOwnerOnly_thePublicKeyIsNot_andATokenNamesItsIssuerAndAudience(@TempDir Path dir) throws Exception {
        LocalJwt jwt = LocalJwt.in(dir.resolve("jwt"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("jwt").resolve("private.pem"))));
        assertTrue(Files.readString(dir.resolve("jwt").resolve("public.pem")).startsWith("-----BEGIN PUBLIC KEY-----"));

        String token = jwt.token("alice", List.of("editor"), Duration.ofMinutes(1));
        JwtClaims claims = JwtClaims.parse(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(LocalJwt.ISSUER, claims.getIssuer());
        assertEquals(List.of(LocalJwt.AUDIENCE), claims.getAudience());
        assertEquals("alice", claims.getSubject());

        // A token written to a file for a user (the local stack's editor.token) is owner-only too.
        LocalJwt.writePrivate(dir.resolve("editor.token"), token);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("editor.token"))));
    }
}
