package dev.aauth.jakarta.personserver;

import dev.aauth.discovery.FetchResult;
import dev.aauth.discovery.MetadataDocument;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.boundary.SignedRevocationClient;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.token.Dwk;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One call of this Person Server to a resource's {@code revocation_endpoint}: "PS revokes an auth
 * token it issued (three-party): The PS calls the resource's revocation endpoint with the auth
 * token's jti."
 *
 * <p>The endpoint comes from the resource's {@code /.well-known/aauth-resource.json} (through the
 * SSRF-safe discovery); the request is the draft's "signed POST with the jti of the token to
 * revoke", {@code {"jti": "..."}}, signed with this PS's current key and {@code Signature-Key:
 * sig=jwks_uri; id="<this PS>";dwk="aauth-person.json";kid="..."}, so the resource can check that
 * "the issuer of the token being revoked" asks. The signature covers the base components, {@code
 * content-digest} and the resource's {@code additional_signature_components} ({@link
 * SignedRevocationClient} makes the call).
 */
public final class ResourceRevocationClient {

    /** The outbound POST: {@code SafeHttpFetcher::post} in the server. */
    @FunctionalInterface
    public interface Poster {
        FetchResult post(
                String url, Map<String, String> headers, byte[] body, AAuthError codeOnFailure);
    }

    private final SignedRevocationClient client;

    /**
     * @param issuer this PS's identifier (the {@code iss} of the tokens it revokes)
     * @param resourceMetadata resource identifier to its metadata; throws {@link AAuthException}
     */
    public ResourceRevocationClient(
            String issuer,
            ServerKeySet keys,
            Function<String, MetadataDocument> resourceMetadata,
            Poster poster,
            Clock clock) {
        Objects.requireNonNull(poster, "poster");
        this.client =
                new SignedRevocationClient(
                        issuer, Dwk.PERSON, keys, resourceMetadata, poster::post, clock);
    }

    /**
     * Tells {@code resource} that the auth token {@code jti} is revoked; returns normally when it
     * answered 2xx. Throws {@link AAuthException} ({@code server_error}) saying why not: no {@code
     * revocation_endpoint}, unreachable, refused.
     */
    public void revoke(String resource, String jti) {
        client.revoke(resource, jti);
    }
}
