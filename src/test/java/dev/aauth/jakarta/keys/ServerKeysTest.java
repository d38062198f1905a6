package dev.aauth.jakarta.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.id.SecurityMode;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerKeysTest {

    static final String ISSUER = "http://localhost:9081";

    @TempDir
    Path dir;

    @Test
    void withoutADirectoryEveryStartHasANewEd25519Key() {
        SigningKey a = ServerKeys.load(Optional.empty(), ISSUER, SecurityMode.DEVELOPMENT);
        SigningKey b = ServerKeys.load(Optional.empty(), ISSUER, SecurityMode.DEVELOPMENT);
        assertEquals(SignatureAlgorithm.ED25519, a.algorithm());
        assertTrue(a.kid().isPresent());
        assertNotEquals(a.publicJwk().thumbprint(), b.publicJwk().thumbprint());
    }

    @Test
    void aConfiguredDirectoryKeepsTheKeyAcrossRestarts() throws Exception {
        SigningKey first = ServerKeys.load(Optional.of(dir), ISSUER, SecurityMode.DEVELOPMENT);
        SigningKey again = ServerKeys.load(Optional.of(dir), ISSUER, SecurityMode.DEVELOPMENT);
        assertEquals(first.publicJwk(), again.publicJwk());
        Path file = dir.resolve("localhost_9081.private.jwk.json");
        assertTrue(Files.isRegularFile(file));
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(file));
        }
    }

    @Test
    void originsSharingADirectoryKeepTheirOwnKeys() {
        SigningKey supply = ServerKeys.load(Optional.of(dir), ISSUER, SecurityMode.DEVELOPMENT);
        SigningKey market = ServerKeys.load(Optional.of(dir), "http://localhost:9082", SecurityMode.DEVELOPMENT);
        assertNotEquals(supply.publicJwk().thumbprint(), market.publicJwk().thumbprint());
    }

    @Test
    void aBrokenKeyFileStopsTheStart() throws Exception {
        Files.writeString(dir.resolve("resource.example.private.jwk.json"), "{\"kty\":\"OKP\"}");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ServerKeys.load(Optional.of(dir), "https://resource.example", SecurityMode.STRICT));
        assertTrue(e.getMessage().contains("not a usable private JWK"), e.getMessage());
    }
}
