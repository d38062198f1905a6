/**
 * Digest fields for HTTP (RFC 9530): creating and checking {@code Content-Digest}, the integrity of
 * message content that an HTTP Message Signature covers by covering the field.
 */
package dev.aauth.digest;
