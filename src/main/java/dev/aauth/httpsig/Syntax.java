package dev.aauth.httpsig;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;

/** Character classes and the one failure helper shared by the package. */
final class Syntax {

    private Syntax() {}

    /** RFC 9110 Section 5.6.2: tchar. */
    static boolean isTchar(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /**
     * RFC 9651 Section 3.1.2: key = ( lcalpha / "*" ) *( lcalpha / DIGIT / "_" / "-" / "." / "*" ).
     */
    static boolean isSfKey(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        char first = s.charAt(0);
        if (!(first >= 'a' && first <= 'z') && first != '*') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '-'
                    || c == '.'
                    || c == '*')) {
                return false;
            }
        }
        return true;
    }

    static AAuthException invalid(String detail) {
        return new AAuthException(AAuthError.INVALID_SIGNATURE, detail);
    }

    /** Re-reports a structured-field parse failure as {@code invalid_signature}. */
    static AAuthException invalid(String what, AAuthException parseFailure) {
        return new AAuthException(
                AAuthError.INVALID_SIGNATURE, what + ": " + parseFailure.detail(), parseFailure);
    }
}
