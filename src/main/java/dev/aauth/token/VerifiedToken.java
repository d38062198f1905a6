package dev.aauth.token;

/** A token whose signature and claims were verified; the three AAuth token records implement it. */
public sealed interface VerifiedToken permits AgentToken, ResourceToken, AuthToken {

    TokenType type();

    String compact();

    String issuer();

    String jti();

    long expiresAt();
}
