/**
 * AAuth identifiers (server, agent and resource identifiers) and the {@link dev.aauth.id.SecurityMode}
 * that decides how strictly they are checked.
 */
package dev.aauth.id;
