/**
 * The AAuth HTTP Message Signatures profile (draft "HTTP Message Signatures Profile"): what an
 * agent signs ({@link dev.aauth.profile.AAuthRequestSigner}) and the numbered "Verification
 * (Server)" steps a server runs on every signed request ({@link
 * dev.aauth.profile.AAuthRequestVerifier}), tying together {@code dev.aauth.httpsig}, {@code
 * dev.aauth.sigkey}, {@code dev.aauth.token} and {@code dev.aauth.jose}.
 */
package dev.aauth.profile;
