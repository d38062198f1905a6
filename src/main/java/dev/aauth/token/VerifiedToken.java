package dev.aauth.token;

/**
 * A token whose signature and claims were verified: the draft-01 records ({@link AgentToken},
 * {@link ResourceToken}, {@link AuthToken}) and the draft-11 ones ({@link AgentToken}, {@link
 * PersonToken}, {@link Draft11ResourceToken}, {@link Draft11AuthToken}).
 */
public sealed interface VerifiedToken
        permits AgentToken,
                ResourceToken,
                AuthToken,
                PersonToken,
                Draft11ResourceToken,
                Draft11AuthToken {

    TokenType type();

    String compact();

    String issuer();

    String jti();

    long expiresAt();
}
