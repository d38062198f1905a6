/**
 * The Person Server's logic, plain Java (no Jakarta API, no JPA, nothing of {@code
 * dev.aauth.jakarta}): what a Person Server decides and answers, whatever serves it.
 *
 * <ul>
 *   <li>Token exchange ("PS Token Endpoint"): a verified token request in, an auth token or a
 *       deferred {@code 202} out ({@link dev.aauth.personserver.TokenRequest}, {@link
 *       dev.aauth.personserver.TokenResponse});
 *   <li>policy ({@link dev.aauth.personserver.PolicyDecider} over {@link
 *       dev.aauth.personserver.PersonServerSettings}), identity claims ({@link
 *       dev.aauth.personserver.IdentityClaims}) and pairwise subjects ({@link
 *       dev.aauth.personserver.PairwiseSubject});
 *   <li>deferred responses and polling, clarification, updated requests and cancellation ({@link
 *       dev.aauth.personserver.PendingUpdate});
 *   <li>draft -11 beside draft-01: person tokens ({@link
 *       dev.aauth.personserver.PersonTokenIssuance}, {@link
 *       dev.aauth.personserver.PersonTokenRequest}) and the -11 auth token exchange ({@link
 *       dev.aauth.personserver.TokenExchange#exchange(dev.aauth.draft.AAuthProfile,
 *       dev.aauth.httpsig.HttpRequestMessage, byte[])} with {@link
 *       dev.aauth.personserver.TokenExchange.Draft11}), the same policy and deferred responses.
 * </ul>
 *
 * <p>The storage it needs is expressed as ports, each with an in-memory implementation for tests
 * and a single instance: {@link dev.aauth.personserver.PendingRequestStore} (deferred requests,
 * seen as {@link dev.aauth.personserver.PendingRequestView} values), {@link
 * dev.aauth.personserver.ConsentStore}, {@link dev.aauth.personserver.DecisionLog}, {@link
 * dev.aauth.personserver.IssuedTokenLog}, {@link dev.aauth.personserver.DirectGrantLog}, {@link
 * dev.aauth.personserver.AgentBindings}, {@link dev.aauth.personserver.PersonIds} and {@link
 * dev.aauth.personserver.IssuedPersonTokens} (-11). The database adapters ({@code Store*}), the
 * endpoints and the CDI producers that build the core from the configuration are on the Jakarta
 * side, in {@code dev.aauth.jakarta.personserver}.
 */
package dev.aauth.personserver;
