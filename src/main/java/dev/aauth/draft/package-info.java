/**
 * Which draft of AAuth a party speaks: {@link dev.aauth.draft.AAuthProfile} decides, per draft, the
 * algorithms, key rules, error shapes and metadata names ("one core, two profiles"), and {@link
 * dev.aauth.draft.ProfileSignal} reads which draft a presented token is shaped for, so a flow never
 * mixes the two. Depends only on {@code dev.aauth.error} and {@code dev.aauth.jose}; every protocol
 * package may depend on it.
 */
package dev.aauth.draft;
