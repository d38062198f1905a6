/**
 * Endpoints that exist only in development mode ({@code aauth.security-mode=DEVELOPMENT}): in
 * {@code STRICT}, the default and the only mode for production, they answer {@code 404} as for any
 * unknown path. Nothing here changes a decision; they expose counters for the reliability tests.
 */
package dev.aauth.jakarta.development;
