package dev.aauth.digest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.digest.ContentDigest.Algorithm;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ContentDigestTest {

    // RFC 9530 Appendix B.1 and RFC 9421 Appendix B.2 test-request content
    private static final byte[] HELLO = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);
    private static final String HELLO_SHA_256 =
            "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:";
    private static final String HELLO_SHA_512 =
            "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:";

    private static void assertFails(AAuthError expected, Executable call) {
        AAuthException e = assertThrows(AAuthException.class, call);
        assertEquals(expected, e.error(), e.detail());
    }

    @Test
    void createSha256MatchesRfc9530Example() {
        assertEquals(HELLO_SHA_256, ContentDigest.create(HELLO));
        assertEquals(HELLO_SHA_256, ContentDigest.create(HELLO, Algorithm.SHA_256));
    }

    @Test
    void createSha512MatchesRfc9530AndRfc9421Example() {
        assertEquals(HELLO_SHA_512, ContentDigest.create(HELLO, Algorithm.SHA_512));
    }

    @Test
    @DisplayName(
            "Content-Digest is a Dictionary with one Byte Sequence member per algorithm, in the given order")
    void createSeveralAlgorithmsInOrder() {
        assertEquals(
                HELLO_SHA_512 + ", " + HELLO_SHA_256,
                ContentDigest.create(HELLO, Algorithm.SHA_512, Algorithm.SHA_256));
    }

    @Test
    void createOfEmptyContentIsTheDigestOfZeroBytes() {
        // SHA-256("") = e3b0c442 98fc1c14 9afbf4c8 996fb924 27ae41e4 649b934c a495991b 7852b855
        assertEquals(
                "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:",
                ContentDigest.create(new byte[0]));
    }

    @Test
    void verifyAcceptsMatchingSha256AndSha512() {
        assertDoesNotThrow(() -> ContentDigest.verify(HELLO, HELLO_SHA_256));
        assertDoesNotThrow(() -> ContentDigest.verify(HELLO, HELLO_SHA_512));
        assertDoesNotThrow(() -> ContentDigest.verify(HELLO, HELLO_SHA_256 + ", " + HELLO_SHA_512));
    }

    @Test
    void verifyCombinesSeveralFieldLines() {
        assertDoesNotThrow(
                () -> ContentDigest.verify(HELLO, List.of(HELLO_SHA_256, HELLO_SHA_512)));
    }

    @Test
    @DisplayName(
            "a recipient MAY ignore digests of algorithms it does not support, next to a supported one")
    void verifyIgnoresUnsupportedAlgorithmsNextToASupportedOne() {
        assertDoesNotThrow(
                () ->
                        ContentDigest.verify(
                                HELLO, "md5=:AAAA:, " + HELLO_SHA_256 + ", unixsum=:AAAA:"));
    }

    @Test
    void unsupportedAlgorithmsAloneAreRejectedWithInvalidRequest() {
        assertFails(
                AAuthError.SIGNATURE_INVALID_REQUEST,
                () -> ContentDigest.verify(HELLO, "md5=:CY9rzUYh03PK3k6DJie09g==:"));
        assertFails(
                AAuthError.SIGNATURE_INVALID_REQUEST,
                () -> ContentDigest.verify(HELLO, "sha-384=:AAAA:"));
    }

    @Test
    void mismatchedDigestIsRejectedWithInvalidSignature() {
        byte[] tampered = "{\"hello\": \"world!\"}".getBytes(StandardCharsets.UTF_8);
        assertFails(
                AAuthError.INVALID_SIGNATURE, () -> ContentDigest.verify(tampered, HELLO_SHA_256));
        assertFails(
                AAuthError.INVALID_SIGNATURE, () -> ContentDigest.verify(tampered, HELLO_SHA_512));
    }

    @Test
    @DisplayName(
            "every supported digest present must match: a correct sha-256 cannot carry a wrong sha-512")
    void everySupportedDigestPresentMustMatch() {
        String wrong512 =
                ContentDigest.create("other".getBytes(StandardCharsets.UTF_8), Algorithm.SHA_512);
        assertFails(
                AAuthError.INVALID_SIGNATURE,
                () -> ContentDigest.verify(HELLO, HELLO_SHA_256 + ", " + wrong512));
        assertFails(
                AAuthError.INVALID_SIGNATURE,
                () -> ContentDigest.verify(HELLO, wrong512 + ", " + HELLO_SHA_256));
    }

    @Test
    void truncatedDigestIsAMismatch() {
        assertFails(
                AAuthError.INVALID_SIGNATURE,
                () ->
                        ContentDigest.verify(
                                HELLO, "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9D:"));
    }

    @Test
    void missingFieldIsRejectedWithInvalidRequest() {
        assertFails(
                AAuthError.SIGNATURE_INVALID_REQUEST,
                () -> ContentDigest.verify(HELLO, (String) null));
        assertFails(
                AAuthError.SIGNATURE_INVALID_REQUEST,
                () -> ContentDigest.verify(HELLO, (List<String>) null));
        assertFails(
                AAuthError.SIGNATURE_INVALID_REQUEST, () -> ContentDigest.verify(HELLO, List.of()));
        assertFails(AAuthError.SIGNATURE_INVALID_REQUEST, () -> ContentDigest.verify(HELLO, ""));
    }

    @Test
    @DisplayName("member values are Byte Sequences: anything else is malformed")
    void malformedFieldIsRejectedWithInvalidRequest() {
        assertFails(
                AAuthError.SIGNATURE_INVALID_REQUEST,
                () ->
                        ContentDigest.verify(
                                HELLO, "sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE="));
        assertFails(
                AAuthError.SIGNATURE_INVALID_REQUEST,
                () ->
                        ContentDigest.verify(
                                HELLO, "sha-256=\"X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=\""));
        assertFails(
                AAuthError.SIGNATURE_INVALID_REQUEST,
                () -> ContentDigest.verify(HELLO, "sha-256=:not base64!:"));
        assertFails(
                AAuthError.SIGNATURE_INVALID_REQUEST,
                () -> ContentDigest.verify(HELLO, "sha-256=(:AAAA:)"));
        // RFC 3230 Digest syntax is not Content-Digest
        assertFails(
                AAuthError.SIGNATURE_INVALID_REQUEST,
                () ->
                        ContentDigest.verify(
                                HELLO, "SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE="));
        // an unsupported algorithm's member must still be a Byte Sequence
        assertFails(
                AAuthError.SIGNATURE_INVALID_REQUEST,
                () -> ContentDigest.verify(HELLO, HELLO_SHA_256 + ", md5=1"));
    }

    @Test
    void oversizedFieldIsRejectedBeforeParsing() {
        String huge = HELLO_SHA_256 + ", " + "x=:AAAA:, ".repeat(500) + "y=:AAAA:";
        assertFails(AAuthError.SIGNATURE_INVALID_REQUEST, () -> ContentDigest.verify(HELLO, huge));
    }
}
