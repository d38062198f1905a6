package dev.aauth.jakarta.personserver;

import dev.aauth.digest.ContentDigest;
import dev.aauth.discovery.FetchResult;
import dev.aauth.discovery.MetadataDocument;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SigningKey;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.profile.SignedHeaders;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.Dwk;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jose4j.json.JsonUtil;

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
 * content-digest} and the resource's {@code additional_signature_components}.
 */
public final class ResourceRevocationClient {

    /** The outbound POST: {@code SafeHttpFetcher::post} in the server. */
    @FunctionalInterface
    public interface Poster {
        FetchResult post(
                String url, Map<String, String> headers, byte[] body, AAuthError codeOnFailure);
    }

    private final String issuer;
    private final ServerKeySet keys;
    private final Function<String, MetadataDocument> resourceMetadata;
    private final Poster poster;
    private final Clock clock;

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
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.resourceMetadata = Objects.requireNonNull(resourceMetadata, "resourceMetadata");
        this.poster = Objects.requireNonNull(poster, "poster");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Tells {@code resource} that the auth token {@code jti} is revoked; returns normally when it
     * answered 2xx. Throws {@link AAuthException} ({@code server_error}) saying why not: no {@code
     * revocation_endpoint}, unreachable, refused.
     */
    public void revoke(String resource, String jti) {
        MetadataDocument metadata = resourceMetadata.apply(resource);
        String endpoint =
                metadata.revocationEndpoint()
                        .orElseThrow(
                                () ->
                                        new AAuthException(
                                                AAuthError.SERVER_ERROR,
                                                resource + " publishes no revocation_endpoint"));
        byte[] body = JsonUtil.toJson(Map.of("jti", jti)).getBytes(StandardCharsets.UTF_8);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("content-type", "application/json");
        fields.put("content-digest", ContentDigest.create(body));
        List<String> components = new ArrayList<>(List.of("content-type", "content-digest"));
        for (String c : metadata.additionalSignatureComponents()) {
            if (!components.contains(c) && fields.containsKey(c)) {
                components.add(c);
            }
        }
        SigningKey key = keys.current();
        SignedHeaders signed =
                new AAuthRequestSigner(key, clock)
                        .sign(
                                "POST",
                                endpoint,
                                name -> fields.containsKey(name) ? List.of(fields.get(name)) : null,
                                new SignatureKey.JwksUri(
                                        issuer, Dwk.PERSON, key.kid().orElseThrow()),
                                components);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", fields.get("content-type"));
        headers.put("Content-Digest", fields.get("content-digest"));
        headers.put("Signature-Key", signed.signatureKey());
        headers.put("Signature-Input", signed.signatureInput());
        headers.put("Signature", signed.signature());
        FetchResult r = poster.post(endpoint, headers, body, AAuthError.SERVER_ERROR);
        if (!r.isSuccess()) {
            String text = r.bodyAsString();
            throw new AAuthException(
                    AAuthError.SERVER_ERROR,
                    endpoint
                            + " answered "
                            + r.status()
                            + (text.isEmpty()
                                    ? ""
                                    : ": "
                                            + (text.length() > 200
                                                    ? text.substring(0, 200)
                                                    : text)));
        }
    }
}
