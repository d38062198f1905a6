package dev.aauth.jakarta.boundary;

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
 * One signed call of this server to another server's {@code revocation_endpoint} ("Token
 * Revocation"), for every role that revokes: the Person Server telling a resource ("The PS calls
 * the resource's revocation endpoint with the auth token's jti", -01 body {@code {"jti"}}; {@code
 * ResourceRevocationClient}) and the Agent Provider telling a PS (-11 "the agent provider calls the
 * PS's revocation endpoint with the agent token's iss and jti", body {@code {"iss", "jti"}}).
 *
 * <p>The endpoint comes from the called server's metadata (through the SSRF-safe discovery); the
 * request is signed with this server's current key and {@code Signature-Key: sig=jwks_uri;id="<this
 * server>";dwk="<its metadata document>";kid="..."}, so the callee can check that "the issuer of
 * the token being revoked" asks. The signature covers the base components, {@code content-type},
 * {@code content-digest} and the callee's {@code additional_signature_components}.
 */
public final class SignedRevocationClient {

    /** The outbound POST: {@code SafeHttpFetcher::post} in the server. */
    @FunctionalInterface
    public interface Poster {
        FetchResult post(
                String url, Map<String, String> headers, byte[] body, AAuthError codeOnFailure);
    }

    private final String issuer;
    private final String dwk;
    private final ServerKeySet keys;
    private final Function<String, MetadataDocument> targetMetadata;
    private final Poster poster;
    private final Clock clock;

    /**
     * @param issuer this server's identifier (the {@code id} of its {@code Signature-Key})
     * @param dwk this server's metadata document ({@code aauth-person.json} for a PS, {@code
     *     aauth-agent.json} for an agent provider)
     * @param targetMetadata the called server's identifier to its metadata; throws {@link
     *     AAuthException}
     */
    public SignedRevocationClient(
            String issuer,
            String dwk,
            ServerKeySet keys,
            Function<String, MetadataDocument> targetMetadata,
            Poster poster,
            Clock clock) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.dwk = Objects.requireNonNull(dwk, "dwk");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.targetMetadata = Objects.requireNonNull(targetMetadata, "targetMetadata");
        this.poster = Objects.requireNonNull(poster, "poster");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Tells {@code resource} that the auth token {@code jti} is revoked; returns normally when it
     * answered 2xx. Throws {@link AAuthException} ({@code server_error}) saying why not: no {@code
     * revocation_endpoint}, unreachable, refused.
     */
    public void revoke(String resource, String jti) {
        send(resource, Map.of("jti", jti));
    }

    /**
     * The -11 request: "a signed POST identifying the token to revoke by the pair (iss, jti)", sent
     * to {@code target}'s {@code revocation_endpoint}; as {@link #revoke(String, String)}
     * otherwise.
     */
    public void revoke(String target, dev.aauth.token.Revocation revocation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("iss", revocation.iss());
        body.put("jti", revocation.jti());
        send(target, body);
    }

    private void send(String resource, Map<String, Object> json) {
        MetadataDocument metadata = targetMetadata.apply(resource);
        String endpoint =
                metadata.revocationEndpoint()
                        .orElseThrow(
                                () ->
                                        new AAuthException(
                                                AAuthError.SERVER_ERROR,
                                                resource + " publishes no revocation_endpoint"));
        byte[] body = JsonUtil.toJson(json).getBytes(StandardCharsets.UTF_8);
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
                                new SignatureKey.JwksUri(issuer, dwk, key.kid().orElseThrow()),
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
