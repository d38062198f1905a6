package dev.aauth.jakarta.store;

import dev.aauth.token.TokenType;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link TokenType} as its JWT {@code typ} ({@code aa-auth+jwt}, ...). */
@Converter
public class TokenTypeConverter implements AttributeConverter<TokenType, String> {

    @Override
    public String convertToDatabaseColumn(TokenType type) {
        return type == null ? null : type.typ();
    }

    @Override
    public TokenType convertToEntityAttribute(String typ) {
        if (typ == null) {
            return null;
        }
        TokenType type = TokenType.fromTyp(typ);
        if (type == null) {
            throw new IllegalStateException("unknown token type in issued_tokens: " + typ);
        }
        return type;
    }
}
