/**
 * Facts about an HTTP request that protection decisions depend on, decided one way for every
 * boundary (the in-process JAX-RS filters and the gateway authorization service alike): {@link
 * dev.aauth.http.CanonicalPath}, the one path that a rule or a log line names.
 *
 * <p>Why a package of its own: a rule compared with the raw path is a rule an attacker can step
 * around ({@code /admin;x=1}, {@code /admin/}, {@code /a/../admin}), because the router that picks
 * the method normalizes what the rule check did not. Everything here fails closed: an input that
 * cannot be read one unambiguous way is refused, never passed.
 */
package dev.aauth.http;
