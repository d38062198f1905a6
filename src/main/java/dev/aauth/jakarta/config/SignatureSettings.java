package dev.aauth.jakarta.config;

import dev.aauth.token.TokenType;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What this origin's resource endpoints demand of signed requests, read and checked by {@link
 * AAuthConfig} (the verifier is built from it in {@code boundary}). Immutable.
 *
 * @param signatureKeySchemes accepted {@code Signature-Key} schemes
 * @param jwtTypes accepted JWT {@code typ}s in the {@code jwt} scheme
 * @param signatureWindow {@code signature_window}
 * @param signatureComponents {@code additional_signature_components}
 */
public record SignatureSettings(
        Set<String> signatureKeySchemes,
        Set<TokenType> jwtTypes,
        Duration signatureWindow,
        List<String> signatureComponents) {

    public SignatureSettings {
        signatureKeySchemes = Set.copyOf(signatureKeySchemes);
        jwtTypes = Set.copyOf(jwtTypes);
        signatureComponents = List.copyOf(signatureComponents);
    }
}
