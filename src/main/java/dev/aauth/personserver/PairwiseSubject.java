package dev.aauth.personserver;

import dev.aauth.jose.Base64Url;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Pairwise {@code sub} values: "The PS SHOULD provide a pairwise pseudonymous identifier per
 * resource (aud), preserving user privacy — different resources see different sub values for the
 * same user." {@code sub = base64url(HMAC-SHA256(secret, person || 0x00 || resource))}.
 * Thread-safe.
 */
public final class PairwiseSubject {

    private final byte[] secret;

    /**
     * @param secret the configured secret; empty for a random one (subjects change at every start)
     */
    public PairwiseSubject(Optional<String> secret) {
        if (secret.isPresent()) {
            this.secret = secret.get().getBytes(StandardCharsets.UTF_8);
        } else {
            this.secret = new byte[32];
            new SecureRandom().nextBytes(this.secret);
        }
    }

    public String of(String person, String resource) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(secret));
        byte[] p = person.getBytes(StandardCharsets.UTF_8);
        byte[] r = resource.getBytes(StandardCharsets.UTF_8);
        mac.update(p, 0, p.length);
        mac.update((byte) 0);
        mac.update(r, 0, r.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        String sub = Base64Url.encode(out);
        Arrays.fill(out, (byte) 0);
        return sub;
    }
}
