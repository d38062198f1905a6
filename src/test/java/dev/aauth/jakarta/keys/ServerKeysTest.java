package dev.aauth.jakarta.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.id.SecurityMode;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aauth.keys.dir} as an import of an issuer's first key. */
class ServerKeysTest {

    static final String ISSUER = "http://localhost:9081";

    @TempDir Path dir;

    @Test
    void withoutADirectoryNothingIsImported() {
        assertEquals(
                Optional.empty(),
                ServerKeys.imported(Optional.empty(), ISSUER, SecurityMode.DEVELOPMENT));
    }

    @Test
    @DisplayName(
            "the issuer's key file is read; a missing one imports nothing and nothing is written")
    void theIssuersKeyFileIsImported() throws Exception {
        assertEquals(
                Optional.empty(),
                ServerKeys.imported(Optional.of(dir), ISSUER, SecurityMode.DEVELOPMENT));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
        SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, "file-1");
        Files.writeString(dir.resolve("localhost_9081.private.jwk.json"), key.toPrivateJwkJson());

        SigningKey read =
                ServerKeys.imported(Optional.of(dir), ISSUER, SecurityMode.DEVELOPMENT)
                        .orElseThrow();
        assertEquals(key.publicJwk(), read.publicJwk());
        assertEquals(
                Optional.empty(),
                ServerKeys.imported(
                        Optional.of(dir), "http://localhost:9082", SecurityMode.DEVELOPMENT),
                "origins sharing a directory have their own files");
    }

    @Test
    void aBrokenKeyFileStopsTheStart() throws Exception {
        Files.writeString(dir.resolve("resource.example.private.jwk.json"), "{\"kty\":\"OKP\"}");
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                ServerKeys.imported(
                                        Optional.of(dir),
                                        "https://resource.example",
                                        SecurityMode.STRICT));
        assertTrue(e.getMessage().contains("not a usable private JWK"), e.getMessage());
    }
}
