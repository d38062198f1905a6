package dev.aauth.httpsig;

import dev.aauth.sfv.Parameters;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The signature metadata parameters of RFC 9421 Section 2.3, in their given order: {@code created},
 * {@code expires} (Integer UNIX timestamps), {@code nonce}, {@code alg}, {@code keyid}, {@code tag}
 * (Strings). Immutable.
 *
 * <p>Received parameters are checked strictly ({@link #from}): a wrong type, a negative time or a
 * parameter outside this list fails with {@code invalid_signature}. RFC 9421 Section 2.3: "created:
 * Creation time as an Integer UNIX timestamp value. Sub-second precision is not supported." Whether
 * {@code created} is recent, {@code expires} past, or {@code alg} acceptable is for the application
 * profile to decide (Section 3.2.1); this class only exposes the values.
 */
public final class SignatureParameters {

    public static final SignatureParameters EMPTY = new SignatureParameters(Parameters.EMPTY);

    private final Parameters parameters;
    private final Long created;
    private final Long expires;
    private final String nonce;
    private final String alg;
    private final String keyid;
    private final String tag;

    private SignatureParameters(Parameters parameters) {
        this.parameters = parameters;
        Long c = null;
        Long e = null;
        String n = null;
        String a = null;
        String k = null;
        String t = null;
        for (Map.Entry<String, Object> entry : parameters.asMap().entrySet()) {
            String name = entry.getKey();
            Object v = entry.getValue();
            switch (name) {
                case "created" -> c = time(name, v);
                case "expires" -> e = time(name, v);
                case "nonce" -> n = string(name, v);
                case "alg" -> a = string(name, v);
                case "keyid" -> k = string(name, v);
                case "tag" -> t = string(name, v);
                default -> throw Syntax.invalid("unknown signature parameter " + name);
            }
        }
        created = c;
        expires = e;
        nonce = n;
        alg = a;
        keyid = k;
        tag = t;
    }

    /** Validates received parameters (the parameters of a Signature-Input member). */
    public static SignatureParameters from(Parameters parameters) {
        return parameters.isEmpty() ? EMPTY : new SignatureParameters(parameters);
    }

    public static Builder builder() {
        return new Builder();
    }

    public OptionalLong created() {
        return created == null ? OptionalLong.empty() : OptionalLong.of(created);
    }

    public OptionalLong expires() {
        return expires == null ? OptionalLong.empty() : OptionalLong.of(expires);
    }

    public Optional<String> nonce() {
        return Optional.ofNullable(nonce);
    }

    public Optional<String> alg() {
        return Optional.ofNullable(alg);
    }

    public Optional<String> keyid() {
        return Optional.ofNullable(keyid);
    }

    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    /** The parameters in their order, as serialized after the covered components. */
    public Parameters asParameters() {
        return parameters;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignatureParameters other && parameters.equals(other.parameters);
    }

    @Override
    public int hashCode() {
        return parameters.hashCode();
    }

    @Override
    public String toString() {
        return parameters.toString();
    }

    private static Long time(String name, Object v) {
        if (!(v instanceof Long l) || l < 0) {
            throw Syntax.invalid("signature parameter " + name + " must be a non-negative Integer");
        }
        return l;
    }

    private static String string(String name, Object v) {
        if (!(v instanceof String s)) {
            throw Syntax.invalid("signature parameter " + name + " must be a String");
        }
        return s;
    }

    /** Builds parameters in call order; a parameter set twice keeps its first position. */
    public static final class Builder {
        private final Parameters.Builder params = Parameters.builder();

        private Builder() {}

        public Builder created(long epochSeconds) {
            return time("created", epochSeconds);
        }

        /**
         * {@code created} from an instant, truncated to seconds ("Sub-second precision is not
         * supported").
         */
        public Builder created(Instant instant) {
            return time("created", instant.getEpochSecond());
        }

        public Builder expires(long epochSeconds) {
            return time("expires", epochSeconds);
        }

        public Builder expires(Instant instant) {
            return time("expires", instant.getEpochSecond());
        }

        public Builder nonce(String nonce) {
            return string("nonce", nonce);
        }

        public Builder alg(String alg) {
            return string("alg", alg);
        }

        public Builder keyid(String keyid) {
            return string("keyid", keyid);
        }

        public Builder tag(String tag) {
            return string("tag", tag);
        }

        public SignatureParameters build() {
            return from(params.build());
        }

        private Builder time(String name, long value) {
            if (value < 0 || value > 999_999_999_999_999L) {
                throw new IllegalArgumentException(name + " out of range: " + value);
            }
            params.put(name, value);
            return this;
        }

        private Builder string(String name, String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c > 0x7E) {
                    throw new IllegalArgumentException(name + " must be printable ASCII");
                }
            }
            params.put(name, value);
            return this;
        }
    }
}
