package dev.aauth.agent;

import dev.aauth.digest.ContentDigest;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.profile.SignedHeaders;
import dev.aauth.sigkey.SignatureKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Signs an outgoing request the way the agent runtime always does: "@method", "@authority",
 * "@path", "signature-key" (the draft's base components), plus {@code authorization} when the
 * request has one, {@code content-type} and {@code content-digest} when it has a body ("When a
 * request has a body, the agent SHOULD include content-digest"; the digest is added here), and any
 * component the resource names in {@code additional_signature_components}.
 */
public final class RequestSigning {

    private RequestSigning() {}

    /**
     * Adds {@code content-digest} (when {@code body} is non-null) and the three signature headers
     * to {@code headers} (lowercase names), and returns the components covered.
     */
    public static List<String> sign(
            AAuthRequestSigner signer,
            SignatureKey signatureKey,
            String method,
            String url,
            Map<String, String> headers,
            byte[] body,
            Collection<String> required) {
        Set<String> extra = new LinkedHashSet<>();
        if (headers.containsKey("authorization")) {
            extra.add("authorization");
        }
        if (body != null) {
            headers.put("content-digest", ContentDigest.create(body));
            if (headers.containsKey("content-type")) {
                extra.add("content-type");
            }
            extra.add("content-digest");
        }
        for (String c : required) {
            String name = c.toLowerCase(Locale.ROOT);
            if (name.startsWith("@") || headers.containsKey(name)) {
                extra.add(name);
            }
        }
        extra.remove("signature-key");
        Map<String, String> snapshot = new LinkedHashMap<>(headers);
        SignedHeaders h =
                signer.sign(
                        method,
                        url,
                        name -> {
                            String v = snapshot.get(name);
                            return v == null ? null : List.of(v);
                        },
                        signatureKey,
                        new ArrayList<>(extra));
        headers.put("signature-key", h.signatureKey());
        headers.put("signature-input", h.signatureInput());
        headers.put("signature", h.signature());
        List<String> covered =
                new ArrayList<>(dev.aauth.profile.VerificationPolicy.BASE_COMPONENTS);
        covered.addAll(extra);
        return covered;
    }

    /** A signer for {@code credentials}' key at {@code clock}'s time. */
    public static AAuthRequestSigner signer(AgentCredentials credentials, Clock clock) {
        return new AAuthRequestSigner(credentials.key(), clock);
    }
}
