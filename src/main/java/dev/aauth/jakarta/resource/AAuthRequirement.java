package dev.aauth.jakarta.resource;

import dev.aauth.sfv.Dictionary;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.Parameters;
import dev.aauth.sfv.StructuredFields;
import dev.aauth.sfv.Token;

/**
 * The {@code AAuth-Requirement} response header for {@code requirement=auth-token} ("Auth Token
 * Required"): "A resource MUST use requirement=auth-token with a 401 Unauthorized response when an
 * auth token is required. The header MUST include a resource-token parameter containing a resource
 * token JWT."
 *
 * <p>Serialized as the draft's example, {@code requirement=auth-token; resource-token="eyJ..."}
 * (RFC 9651 serialization drops the space): a Dictionary whose {@code requirement} member is the
 * Token {@code auth-token} carrying {@code resource-token} as a parameter. The draft also calls
 * such values "members"; an agent reading this header should accept {@code resource-token} either
 * as a parameter of {@code requirement} or as a dictionary member.
 */
public final class AAuthRequirement {

    public static final String NAME = "AAuth-Requirement";

    private AAuthRequirement() {
    }

    /** {@code requirement=auth-token;resource-token="<jwt>"}. */
    public static String authToken(String resourceToken) {
        Item requirement = new Item(new Token("auth-token"),
                Parameters.builder().put("resource-token", resourceToken).build());
        return StructuredFields.serializeDictionary(Dictionary.builder().put("requirement", requirement).build());
    }

    /**
     * {@code requirement=interaction;url="<url>";code="<code>"} ("Interaction Required"): "The
     * AAuth-Requirement header MUST include the following parameters: url ... code".
     */
    public static String interaction(String url, String code) {
        Item requirement = new Item(new Token("interaction"),
                Parameters.builder().put("url", url).put("code", code).build());
        return StructuredFields.serializeDictionary(Dictionary.builder().put("requirement", requirement).build());
    }
}
