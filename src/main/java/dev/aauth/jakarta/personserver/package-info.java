/**
 * The Person Server (PS): publishes {@code /.well-known/aauth-person.json} and answers signed token
 * requests at its token endpoint ("PS Token Endpoint"): the request and resource token are verified
 * ({@link dev.aauth.personserver.TokenExchange}), the configurable {@link
 * dev.aauth.personserver.PolicyDecider} decides, and a grant is an {@code aa-auth+jwt}. Requests
 * that need the person get a deferred {@code 202} ({@link
 * dev.aauth.personserver.DeferredResponses}) polled at {@link
 * dev.aauth.jakarta.personserver.PendingEndpoint}. Tokens it issued are revoked at its revocation
 * endpoint ({@link dev.aauth.jakarta.personserver.TokenRevocation}) or by the person ({@link
 * dev.aauth.jakarta.personserver.PersonRevocations}); either way the token's resource is told
 * ({@link dev.aauth.jakarta.personserver.RevocationNotices}).
 *
 * <p>The logic and its storage ports are plain Java in the core package {@code
 * dev.aauth.personserver}; this package holds the endpoints, the CDI producers that wire the core
 * from the configuration, and the database adapters of the ports ({@code Store*}, over {@code
 * dev.aauth.jakarta.store}); the core's unit tests use its in-memory ports. A direct grant's token
 * and decision are committed together, with those of concurrent grants ({@link
 * dev.aauth.jakarta.store.GroupCommit}), before the token is sent.
 */
package dev.aauth.jakarta.personserver;
